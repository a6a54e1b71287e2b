/** CSV input shared by recipient import, batch awards and check-ins. */
export { decodeCsvBytes, type CsvEncoding, type DecodedText } from './decode.js'
export { parseCsv, parseCsvText, type ParsedCsv } from './parse.js'
export {
  detectMapping,
  foldText,
  isEmailAddress,
  mapRows,
  resolveMapping,
  type MappedPerson,
  type MappedRows
} from './columns.js'
