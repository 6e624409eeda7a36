import type { Account, AccountWritten } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../errors.ts';

export const ACCOUNT_COLUMNS = [
  'id',
  'name',
  'kind',
  'currency',
  'opening_balance_minor as openingBalanceMinor',
  'opened_on as openedOn',
  sql<boolean>`archived_at is not null`.as('archived'),
] as const;

type AccountRow = Omit<Account, 'currency'> & { currency: string };

/** The database row as the contract's Account (`char(3)` comes back padded by some drivers). */
export function toAccount(row: AccountRow): Account {
  return { ...row, currency: row.currency.trim() };
}

/** What every write of one account answers: its change set and the account as written. */
export function accountWritten(
  change: { changeSetId: string; description: string },
  row: AccountRow,
): AccountWritten {
  return { ...change, account: toAccount(row) };
}

export async function findAccount(
  db: Kysely<Database>,
  userId: string,
  id: string,
): Promise<Account> {
  const row = await db
    .selectFrom('accounts')
    .select(ACCOUNT_COLUMNS)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', 'Account not found');
  return toAccount(row);
}

/** Account names are unique per user, case-insensitive. */
export async function assertAccountNameFree(
  db: Kysely<Database>,
  userId: string,
  name: string,
  exceptId?: string,
): Promise<void> {
  const clash = await db
    .selectFrom('accounts')
    .select('name')
    .where('user_id', '=', userId)
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .$if(exceptId !== undefined, (q) => q.where('id', '<>', exceptId!))
    .executeTakeFirst();
  if (clash) throw new DomainError('CONFLICT', `An account named '${clash.name}' already exists`);
}
