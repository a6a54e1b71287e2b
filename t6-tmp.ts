import { sampleCredential } from './main/core/credentials/sample-credentials.test-support.ts'
import { canonize, canonizeFull, canonizeFastResult } from './main/core/credentials/canonicalize.ts'
const twins = Array.from({ length: 200 }, (_, i) => sampleCredential(i, 1, { forceCollision: true }))
const plain = Array.from({ length: 2000 }, (_, i) => sampleCredential(i, 1)).filter(c => canonizeFastResult(c).kind === 'canonical')
async function time(label: string, xs: object[], f: (x: object) => unknown) {
  const t = performance.now(); for (const x of xs) await f(x); const dt = performance.now() - t
  console.log(label, (xs.length / dt * 1000).toFixed(0), '/s')
}
for (let r = 0; r < 2; r++) {
  await time('fast canonical', plain, canonize)
  await time('twins via canonize', twins, canonize)
  await time('twins full', twins, canonizeFull)
  await time('plain full', plain.slice(0, 200), canonizeFull)
}
