/**
 * The entry point: detect the format of a file and read it with that format's parser. Each
 * format's parser is exported as well, for callers that know the format already.
 *
 * Every function takes the file's bytes (`Uint8Array`: a Node `Buffer` is one, and so is what a
 * browser `File` gives through `arrayBuffer()`) and optional `ParseHints`, and returns a
 * `StatementParseResult`: `{ ok: true, statement }` or `{ ok: false, error }`. They do not throw
 * for anything a file can contain.
 */
import {
  type ParseHints,
  type ParsedStatement,
  type StatementFormat,
  type StatementParseResult,
} from '@outlay/contracts';
import { looksLikeCamt, parseCamtText } from './camt/parse-camt.ts';
import { parseCsvText } from './csv/parse-csv.ts';
import { runParser, StatementError } from './failure.ts';
import { parseOfxText } from './ofx/parse-ofx.ts';
import { looksLikeQif, parseQifText } from './qif/parse-qif.ts';
import { decodeText, refuseBinary } from './text.ts';

const READERS: Record<StatementFormat, (bytes: Uint8Array, hints: ParseHints) => ParsedStatement> =
  {
    csv: parseCsvText,
    ofx: parseOfxText,
    qif: parseQifText,
    camt: parseCamtText,
  };

function head(bytes: Uint8Array): string {
  return decodeText(bytes.subarray(0, 65_536))
    .text.replace(/^\uFEFF/, '')
    .trimStart();
}

/**
 * The format of a file from its first 64 KB: OFX (an `OFXHEADER:` line, an `<?OFX …?>`
 * processing instruction or an `<OFX>` element), CAMT (a `BkToCstmrStmt` message or a camt.05x
 * namespace), QIF (a first line `!Type:`, `!Account`, `!Option:` or `!Clear:`), otherwise CSV.
 * Null for other markup (HTML, other XML).
 */
export function detectFormat(bytes: Uint8Array): StatementFormat | null {
  const text = head(bytes);
  if (/^OFXHEADER\s*:/i.test(text) || /^<OFX\b/i.test(text)) return 'ofx';
  if (text.startsWith('<')) {
    if (/<\?OFX\b|<OFX>/i.test(text)) return 'ofx';
    if (looksLikeCamt(text)) return 'camt';
    return null;
  }
  if (looksLikeQif(text)) return 'qif';
  return 'csv';
}

/** Detects the format (unless `hints.format` names it) and reads the file. */
export function parseStatement(bytes: Uint8Array, hints?: ParseHints): StatementParseResult {
  return runParser(bytes, hints, (b, h) => {
    refuseBinary(b);
    const format = h.format ?? detectFormat(b);
    if (!format) {
      const what = /^<(!DOCTYPE\s+html|html)\b/i.test(head(b))
        ? 'This is a web page (HTML), not a bank statement export. Some banks’ “Excel” download is an HTML table: choose CSV, OFX, QIF or CAMT.053 instead.'
        : 'This XML file is neither OFX nor a CAMT.053 statement.';
      throw new StatementError('unrecognised', what);
    }
    return READERS[format](b, h);
  });
}

/** Reads a CSV file, with `hints.csvMapping` or a detected mapping. */
export function parseCsv(bytes: Uint8Array, hints?: ParseHints): StatementParseResult {
  return runParser(bytes, hints, parseCsvText);
}

/** Reads an OFX or QFX file (1.x SGML, 2.x XML, or a mix). */
export function parseOfx(bytes: Uint8Array, hints?: ParseHints): StatementParseResult {
  return runParser(bytes, hints, parseOfxText);
}

/** Reads a QIF file. */
export function parseQif(bytes: Uint8Array, hints?: ParseHints): StatementParseResult {
  return runParser(bytes, hints, parseQifText);
}

/** Reads a CAMT.053 (or .052/.054) XML file. */
export function parseCamt(bytes: Uint8Array, hints?: ParseHints): StatementParseResult {
  return runParser(bytes, hints, parseCamtText);
}
