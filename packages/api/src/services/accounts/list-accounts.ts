import type { Account } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { ACCOUNT_COLUMNS, toAccount } from './account-rules.ts';

/** The caller's accounts, open ones first, then by name. */
export async function listAccounts(
  db: Kysely<Database>,
  { user }: { user: { id: string } },
): Promise<Account[]> {
  const rows = await db
    .selectFrom('accounts')
    .select(ACCOUNT_COLUMNS)
    .where('user_id', '=', user.id)
    .execute();
  return rows
    .map(toAccount)
    .sort((a, b) => Number(a.archived) - Number(b.archived) || a.name.localeCompare(b.name, 'en'));
}
