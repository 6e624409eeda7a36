import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { DomainError } from '../errors.ts';
import type { Writer } from './history/actor.ts';
import { openDescribedChangeSet } from './history/open-described-change-set.ts';

/**
 * The shared half of archiving or unarchiving an account or a category: refuse a change that
 * would change nothing (it would be an empty entry in History), then open the change set that
 * records it. The caller writes the row.
 */
export function openArchiveChange(
  trx: Kysely<Database>,
  {
    user,
    table,
    current,
    archived,
  }: {
    user: Writer;
    table: 'accounts' | 'categories';
    current: { name: string; archived: boolean };
    archived: boolean;
  },
): Promise<{ changeSetId: string; description: string }> {
  if (current.archived === archived) {
    throw new DomainError(
      'CONFLICT',
      `'${current.name}' is ${archived ? 'already archived' : 'not archived'}`,
    );
  }
  return openDescribedChangeSet(trx, {
    user,
    action: `${table}.${archived ? 'archive' : 'unarchive'}`,
    summary: { name: current.name },
  });
}
