/**
 * Test support for the generators' suites: every generated transaction with its user, account and
 * category, in an order that does not depend on ids, so two databases seeded alike compare equal.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';
import { transactionsWithNames } from '../joins.ts';

export interface GeneratedRow {
  email: string;
  account: string;
  occurred_on: string;
  amount_minor: number;
  payee: string | null;
  description: string | null;
  category: string | null;
  kind: string | null;
}

export function generatedRows(db: Kysely<Database>, emailPattern = '%'): Promise<GeneratedRow[]> {
  return transactionsWithNames(db)
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      'u.email',
      'a.name as account',
      't.occurred_on',
      't.amount_minor',
      't.payee',
      't.description',
      'c.name as category',
      'c.kind',
    ])
    .where('u.email', 'like', emailPattern)
    .orderBy('u.email')
    .orderBy('t.occurred_on')
    .orderBy('t.amount_minor')
    .orderBy('t.payee')
    .orderBy('t.description')
    .orderBy('a.name')
    .orderBy('c.name')
    .execute();
}
