import type { AccountKind, CategoryKind } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { DomainError } from '../errors.ts';

export interface AccountRef {
  id: string;
  name: string;
  currency: string;
  kind: AccountKind;
}
export interface CategoryRef {
  id: string;
  name: string;
  kind: CategoryKind;
  parentId: string | null;
}

/**
 * The caller's accounts and categories among these ids, in one round trip; an id that is not the
 * caller's (another user's, or none at all) is refused with NOT_FOUND before anything is written.
 * Null and undefined ids are skipped.
 */
export async function loadReferences(
  db: Kysely<Database>,
  userId: string,
  ids: {
    accountIds?: readonly (string | null | undefined)[];
    categoryIds?: readonly (string | null | undefined)[];
  },
): Promise<{ accounts: Map<string, AccountRef>; categories: Map<string, CategoryRef> }> {
  const accountIds = present(ids.accountIds);
  const categoryIds = present(ids.categoryIds);
  const accounts = new Map<string, AccountRef>();
  const categories = new Map<string, CategoryRef>();
  if (accountIds.length + categoryIds.length > 0) {
    const { rows } = await sql<{
      table: 'account' | 'category';
      id: string;
      name: string;
      kind: string;
      currency: string | null;
      parentId: string | null;
    }>`
      select 'account' as "table", id, name, kind, currency, null::uuid as "parentId"
      from accounts where user_id = ${userId} and id = any(${accountIds}::uuid[])
      union all
      select 'category', id, name, kind, null, parent_id
      from categories where user_id = ${userId} and id = any(${categoryIds}::uuid[])`.execute(db);
    for (const row of rows) {
      if (row.table === 'account') {
        accounts.set(row.id, {
          id: row.id,
          name: row.name,
          currency: row.currency!.trim(),
          kind: row.kind as AccountKind,
        });
      } else {
        categories.set(row.id, {
          id: row.id,
          name: row.name,
          kind: row.kind as CategoryKind,
          parentId: row.parentId,
        });
      }
    }
  }
  if (accountIds.some((id) => !accounts.has(id))) {
    throw new DomainError('NOT_FOUND', 'Account not found');
  }
  if (categoryIds.some((id) => !categories.has(id))) {
    throw new DomainError('NOT_FOUND', 'Category not found');
  }
  return { accounts, categories };
}

function present(ids: readonly (string | null | undefined)[] | undefined): string[] {
  return [...new Set((ids ?? []).filter((id): id is string => typeof id === 'string'))];
}
