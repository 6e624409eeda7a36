/** Test helpers: reading fixtures and unwrapping results with the contract's schema. */
import { readFileSync } from 'node:fs';
import { ParsedStatement, StatementParseResult, type StatementFailure } from '@outlay/contracts';

export function fixture(path: string): Uint8Array {
  return readFileSync(new URL(`../../fixtures/${path}`, import.meta.url));
}

export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** The statement of a successful result, checked against the contract's schema. */
export function statementOf(result: StatementParseResult): ParsedStatement {
  StatementParseResult.parse(result);
  if (!result.ok) {
    throw new Error(`Expected a statement, got ${result.error.code}: ${result.error.message}`);
  }
  return ParsedStatement.parse(result.statement);
}

/** The failure of a failed result. */
export function failureOf(result: StatementParseResult): StatementFailure {
  StatementParseResult.parse(result);
  if (result.ok) throw new Error('Expected a failure, got a statement');
  return result.error;
}
