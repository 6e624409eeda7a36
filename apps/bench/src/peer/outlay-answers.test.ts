/**
 * Outlay's side of the peer bench against a real database: the bulk generator's rows, read back,
 * give the plain reference; Outlay answers every question through its API (`createCaller` with a
 * real access token) and must give the same. The bench checks Actual against the same reference
 * at run time (Actual is too heavy to install for a test).
 */
import { generateSigningKeyPem, hashPassword } from '@outlay/api';
import { createTestDb, type TestDb } from '@outlay/db/testing';
import { generateBulk } from '@outlay/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from './answers.ts';
import { askOutlay, type OutlayAsk } from './ask-outlay.ts';
import { inProcessOutlay, signIn } from './outlay-in-process.ts';
import { questions, referenceAnswer } from './questions.ts';
import { readRows, type PeerRow } from './rows.ts';

const TODAY = '2026-06-30';
let db: TestDb;
let rows: PeerRow[];
let outlay: OutlayAsk;
let accounts: Map<string, string>;

beforeAll(async () => {
  // PGlite: the peer bench compares the embedded setups.
  db = await createTestDb('pglite');
  const password = 'peer-test-password';
  const { userIds } = await generateBulk(db.db, {
    users: 1,
    transactionsPerUser: 2_000,
    seed: 7,
    passwordHash: await hashPassword(password),
    emailPrefix: 'peer',
    today: TODAY,
  });
  rows = await readRows(db.db, userIds[0]!);
  const found = await db.db
    .selectFrom('accounts')
    .select(['name', 'id'])
    .where('user_id', '=', userIds[0]!)
    .execute();
  accounts = new Map(found.map((a) => [a.name, a.id]));
  const signingKeyPem = generateSigningKeyPem();
  const accessToken = await signIn(db.db, signingKeyPem, {
    email: 'peer-1@example.com',
    password,
  });
  outlay = inProcessOutlay(db.db, { signingKeyPem, accessToken });
});

afterAll(() => db?.dispose());

function size(answer: Answer): number {
  if (answer.kind === 'amount') return answer.minor;
  return answer.kind === 'ids' ? answer.ids.length : answer.entries.length;
}

describe('Outlay through its API, against the plain reference', () => {
  it('reads back every generated row, in generation order', () => {
    expect(rows).toHaveLength(2_000);
    expect(rows.map((r) => r.id)).toEqual(rows.map((r) => r.id).sort());
    expect(new Set(rows.map((r) => r.account))).toEqual(new Set(['Checking', 'Savings']));
    expect(rows.some((r) => r.categoryKind === 'transfer')).toBe(true);
    expect(rows.some((r) => r.categoryKind === null && r.amountMinor > 0)).toBe(true);
  });

  it('gives the reference answer to every question', async () => {
    const asked = questions({
      today: TODAY,
      rows: rows.length,
      account: 'Checking',
      search: 'dropbox',
      minAmount: 5_000,
    });
    for (const question of asked) {
      const reference = referenceAnswer(rows, question.ask);
      // A question whose answer is empty would agree with too much.
      expect(size(reference), question.name).toBeGreaterThan(0);
      expect(await askOutlay(outlay, accounts, question.ask), question.name).toEqual(reference);
    }
  });
});
