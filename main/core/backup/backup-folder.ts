/**
 * The backup folder the user picks: files named kiln-backup-<stationId>-<UTC stamp>.kbak, so a
 * listing sorts by time and a folder shared by several stations keeps each one's own apart.
 */
import type fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { KilnFailure } from '../failure.js'

export type BackupFileEntry = Readonly<{
  name: string
  file: string
  bytes: number
  /** When the backup was written (from its name; the file's time if the name has none). */
  createdAt: string
  stationId: string
}>

const NAME = /^kiln-backup-(.+)-(\d{8}T\d{6}(?:\d{3})?Z)\.kbak$/

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('.', '')
}

function fromStamp(text: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})?Z$/.exec(text)
  if (!m) return ''
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7] ?? '000'}Z`
}

export function backupFileName(stationId: string, date: Date): string {
  return `kiln-backup-${stationId}-${stamp(date)}.kbak`
}

/** A folder path a backup may be written to: absolute, and not inside the data directory. */
export function checkBackupFolder(folder: string, dataDir: string): string {
  if (!path.isAbsolute(folder)) {
    throw new KilnFailure(
      'INVALID_INPUT',
      'Give the backup folder as a full path (for example /home/me/Backups).',
      {
        field: 'folder'
      }
    )
  }
  const resolved = path.resolve(folder)
  const data = path.resolve(dataDir)
  if (resolved === data || resolved.startsWith(data + path.sep)) {
    throw new KilnFailure(
      'INVALID_INPUT',
      'The backup folder must be outside the station’s data folder (backups would contain older backups).',
      { field: 'folder' }
    )
  }
  return resolved
}

/** This station's backups in the folder, newest first (a missing folder lists nothing). */
export async function listBackupFiles(
  folder: string,
  stationId?: string
): Promise<BackupFileEntry[]> {
  let names: string[]
  try {
    names = await fsp.readdir(folder)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw new KilnFailure('UNREADABLE_INPUT', `The backup folder ${folder} cannot be read.`, {
      field: 'folder',
      path: folder
    })
  }
  const out: BackupFileEntry[] = []
  for (const name of names) {
    const m = NAME.exec(name)
    if (!m?.[1] || !m[2] || (stationId !== undefined && m[1] !== stationId)) continue
    const file = path.join(folder, name)
    let stat: fs.Stats
    try {
      stat = await fsp.stat(file)
    } catch {
      continue
    }
    if (!stat.isFile()) continue
    out.push({
      name,
      file,
      bytes: stat.size,
      createdAt: fromStamp(m[2]) || stat.mtime.toISOString(),
      stationId: m[1]
    })
  }
  return out.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
}

/** Removes this station's oldest backups beyond `keep`; returns the names removed. */
export async function pruneBackups(
  folder: string,
  stationId: string,
  keep: number
): Promise<string[]> {
  if (!Number.isInteger(keep) || keep < 1) return []
  const files = await listBackupFiles(folder, stationId)
  const removed: string[] = []
  for (const entry of files.slice(keep)) {
    await fsp.rm(entry.file, { force: true })
    removed.push(entry.name)
  }
  return removed
}
