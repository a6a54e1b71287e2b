import { sampleCredential, sampleStatusListCredential } from './main/core/credentials/sample-credentials.test-support.ts'
import { canonizeFast, canonizeFull, canonize } from "./main/core/credentials/canonicalize.ts"
import { documentToRdf } from './main/core/credentials/fast-rdf.ts'
import { lookupOf, documentLoader } from './main/core/credentials/contexts.ts'
let same = 0, nul = 0, diff = 0
const N = Number(process.argv[2] ?? 300)
for (let i = 0; i < N; i++) {
  const c = i % 50 === 49 ? sampleStatusListCredential(i) : sampleCredential(i)
  const full = await canonizeFull(c)
  const fast = await canonize(c)
  if (fast === null) { nul++; if (nul < 3) { try { documentToRdf(c, lookupOf(documentLoader)!) ; console.log('collision', i)} catch (e) { console.log(i, (e as Error).message) } } }
  else if (fast === full) same++
  else { diff++; if (diff < 3) { console.log('DIFF', i); const a = fast.split('\n'), b = full.split('\n'); for (let k=0;k<Math.max(a.length,b.length);k++) if (a[k]!==b[k]) console.log(' fast:', a[k], '\n full:', b[k]) } }
}
console.log({ same, nul, diff })
