import fs from 'node:fs'
import { verifyDocumentProof } from './main/core/credentials/data-integrity.ts'
const pub = Buffer.from('4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5', 'hex')
for (const f of ['validator-fixture-simple.json','validator-fixture-simple-did-web-method.json','validator-fixture-simple-did-key-method.json','signed-credential.json'])
  console.log(f, await verifyDocumentProof(JSON.parse(fs.readFileSync('/work/shared/vectors/1edtech-ob-v3p0/'+f,'utf8')), pub))
