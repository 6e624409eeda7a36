/**
 * A file that cannot be read as a whole ends in a `StatementFailure`, never in an exception the
 * caller has to guess at: parsers throw `StatementError` internally (it unwinds deep recursion
 * cheaply) and `runParser` turns it into the failure result. Any other exception is a bug and
 * propagates.
 */
import {
  MAX_STATEMENT_BYTES,
  ParseHints,
  type ParsedStatement,
  type StatementFailureCode,
  type StatementParseResult,
} from '@outlay/contracts';

export class StatementError extends Error {
  override readonly name = 'StatementError';
  constructor(
    readonly code: StatementFailureCode,
    message: string,
    readonly line: number | null = null,
  ) {
    super(message);
  }
}

/** Runs a parser body and turns a `StatementError` into a failure result. */
export function runParser(
  bytes: Uint8Array,
  hints: ParseHints | undefined,
  body: (bytes: Uint8Array, hints: ParseHints) => ParsedStatement,
): StatementParseResult {
  try {
    const checked = ParseHints.parse(hints ?? {});
    checkSize(bytes);
    return { ok: true, statement: body(bytes, checked) };
  } catch (error) {
    if (error instanceof StatementError) {
      return { ok: false, error: { code: error.code, message: error.message, line: error.line } };
    }
    throw error;
  }
}

/** Refuses input above the cap before anything looks at its content, and empty input. */
export function checkSize(bytes: Uint8Array): void {
  if (bytes.byteLength > MAX_STATEMENT_BYTES) {
    const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
    throw new StatementError(
      'tooLarge',
      `The file is ${mb(bytes.byteLength)}; files up to ${mb(MAX_STATEMENT_BYTES)} can be imported. Export a shorter period from your bank.`,
    );
  }
  if (isBlank(bytes)) throw new StatementError('empty', 'The file is empty.');
}

/** No bytes, or only a byte-order mark and white space. */
function isBlank(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) return false;
  }
  return true;
}
