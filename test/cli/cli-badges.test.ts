import { readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { defaultDesign } from '../../shared/design/design-schema.js'
import { freshStation, removeDir } from '../support/cli.js'

const dirs: string[] = []
afterAll(() => dirs.forEach(removeDir))

type BadgeJson = {
  id: string
  status: string
  content: { name: string; imageSha256?: string; design?: { template: string } }
  versions: { version: number; content: { imageSha256?: string; description: string } }[]
}

describe('kiln badge', () => {
  const station = freshStation()
  dirs.push(station.dir)
  const designFile = path.join(station.dir, 'design.json')
  const svgFile = path.join(station.dir, 'logo.png')
  writeFileSync(
    designFile,
    JSON.stringify({ ...defaultDesign(), template: 'shield', lines: ['Mentor'] })
  )
  writeFileSync(
    svgFile,
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4" fill="#c00"/></svg>'
  )
  const base = [
    'badge',
    'create',
    '--name',
    'Mentor',
    '--description',
    'Mentored a newcomer.',
    '--criteria',
    'Mentor for a year.'
  ]

  it('creates a badge from a design file, and shows it with its design', () => {
    const created = station.run([...base, '--design', designFile, '--tag', 'people', '--json'])
    expect(created.code, created.stderr).toBe(0)
    const id = String(created.json().id)
    const shown = station.run(['badge', 'show', id, '--json'])
    const badge = shown.json() as unknown as BadgeJson
    expect(badge.content.design?.template).toBe('shield')
    expect(badge.content.imageSha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('creates a badge from an image (an SVG named .png is sniffed and sanitised)', () => {
    const created = station.run([...base, '--image', svgFile, '--json'])
    expect(created.code, created.stderr).toBe(0)
    const badge = station
      .run(['badge', 'show', String(created.json().id), '--json'])
      .json() as unknown as BadgeJson
    expect(badge.content.design).toBeUndefined()
  })

  it('refuses --image with --design, a hostile image and a bad design, changing nothing', () => {
    const images = path.join(station.dir, 'images')
    const before = readdirSync(images).sort()
    const both = station.run([...base, '--image', svgFile, '--design', designFile, '--json'])
    expect(both.code).toBe(2)
    expect(both.stderr + both.stdout).toMatch(/either --image or --design/)
    const evil = path.join(station.dir, 'evil.svg')
    writeFileSync(evil, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    const hostile = station.run([...base, '--image', evil, '--json'])
    expect(hostile.code).toBe(2)
    expect(hostile.stdout + hostile.stderr).toMatch(/IMAGE_REJECTED|refused/)
    const badDesign = path.join(station.dir, 'bad.json')
    writeFileSync(badDesign, JSON.stringify({ ...defaultDesign(), template: 'star' }))
    expect(station.run([...base, '--design', badDesign, '--json']).code).toBe(2)
    expect(readdirSync(images).sort()).toEqual(before)
    expect((station.run(['badge', 'list', '--json']).json().badges as unknown[]).length).toBe(2)
  })

  it('publishes, then update makes version 2 and keeps version 1', () => {
    const id = String(station.run([...base, '--json']).json().id)
    expect(station.run(['badge', 'publish', id, '--json']).code).toBe(0)
    const updated = station.run([
      'badge',
      'update',
      id,
      '--description',
      'Mentored two newcomers.',
      '--design',
      designFile,
      '--json'
    ])
    expect(updated.code, updated.stderr).toBe(0)
    expect(updated.json().version).toBe(2)
    const badge = station.run(['badge', 'show', id, '--json']).json() as unknown as BadgeJson
    expect(badge.status).toBe('published')
    expect(badge.versions.map((v) => v.version)).toEqual([1, 2])
    expect(badge.versions[0]?.content.description).toBe('Mentored a newcomer.')
    expect(badge.versions[0]?.content.imageSha256).not.toBe(badge.versions[1]?.content.imageSha256)
    expect(station.run(['badge', 'archive', id, '--json']).code).toBe(0)
    const refused = station.run(['badge', 'update', id, '--name', 'X', '--json'])
    expect(refused.code).toBe(2)
    expect(refused.stdout + refused.stderr).toMatch(/BADGE_ARCHIVED|archived/)
  })
})
