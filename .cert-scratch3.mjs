import * as fontkit from 'fontkit'
const f = fontkit.openSync('resources/fonts/certificate/NotoSans-Bold.ttf')
for (const feats of [undefined, {ccmp:false}, ['kern']]) {
  const r = f.layout('Thị ộ ǘ', feats)
  console.log(JSON.stringify(feats), r.glyphs.map(g => g.name + ':' + g.codePoints.map(c => c.toString(16)).join(',')).join(' '))
}
