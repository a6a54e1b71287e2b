import QRCode from 'qrcode'
const url = () => 'https://badges.example.org/credentials/' + crypto.randomUUID() + '/'
for (const [name, fn] of [['default', (u) => QRCode.create(u, { errorCorrectionLevel: 'M' })], ['mask', (u) => QRCode.create(u, { errorCorrectionLevel: 'M', maskPattern: 4 })], ['mask+byte', (u) => QRCode.create([{ data: u, mode: 'byte' }], { errorCorrectionLevel: 'M', maskPattern: 4 })], ['upper alnum', (u) => QRCode.create([{ data: u.toUpperCase(), mode: 'alphanumeric' }], { errorCorrectionLevel: 'M', maskPattern: 4 })]]) {
  for (let i = 0; i < 50; i++) fn(url())
  const t = performance.now(); let size
  for (let i = 0; i < 1000; i++) size = fn(url()).modules.size
  console.log(name, ((performance.now() - t) / 1000).toFixed(3), 'ms', size)
}
