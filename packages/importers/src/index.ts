/**
 * `@outlay/importers`: bank files (CSV, OFX/QFX, QIF, CAMT.053) → `ParsedStatement`. Pure
 * functions on bytes: no database, no Node-only APIs. The types live in `@outlay/contracts`.
 */
export {
  detectFormat,
  parseCamt,
  parseCsv,
  parseOfx,
  parseQif,
  parseStatement,
} from './parse-statement.ts';
export type {
  CsvMapping,
  ParseHints,
  ParsedStatement,
  StatementFailure,
  StatementParseResult,
} from '@outlay/contracts';
