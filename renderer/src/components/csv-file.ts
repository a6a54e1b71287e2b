/**
 * A CSV file the person chose, read for sending to the core. An empty file is refused here with
 * a sentence about the file (the core is never asked about nothing).
 */
import { err, ok, type Result } from '../../../shared/result.js'
import { fileToBase64 } from './downloads.js'

export type FileChoice = Readonly<{ name: string; base64: string }>

export async function readCsvChoice(file: File): Promise<Result<FileChoice>> {
  if (file.size === 0) {
    return err(
      'CSV_INVALID',
      `“${file.name}” is empty: it has no header and no rows. Choose the file that lists the people, one per row under a header.`
    )
  }
  return ok({ name: file.name, base64: await fileToBase64(file) })
}
