import type { TransactionSort } from '@outlay/contracts';
import { z } from 'zod';
import { DomainError } from '../../errors.ts';

/**
 * Keyset cursors: the sort value and id of the last row of a page, so the next page starts right
 * after it, whatever was inserted meanwhile. Opaque to clients (base64url JSON), checked on the way in.
 */
const CursorPayload = z.tuple([
  z.enum(['date', 'amount']),
  z.union([z.iso.date(), z.number().int()]),
  z.uuid(),
]);

export interface Cursor {
  value: string | number;
  id: string;
}

export function encodeCursor(field: TransactionSort['field'], cursor: Cursor): string {
  return Buffer.from(JSON.stringify([field, cursor.value, cursor.id])).toString('base64url');
}

export function decodeCursor(field: TransactionSort['field'], text: string): Cursor {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new DomainError('BAD_INPUT', 'Invalid cursor');
  }
  const parsed = CursorPayload.safeParse(json);
  if (!parsed.success) throw new DomainError('BAD_INPUT', 'Invalid cursor');
  const [cursorField, value, id] = parsed.data;
  const valueMatches = field === 'date' ? typeof value === 'string' : typeof value === 'number';
  if (cursorField !== field || !valueMatches) {
    throw new DomainError('BAD_INPUT', 'The cursor belongs to a different sort order');
  }
  return { value, id };
}
