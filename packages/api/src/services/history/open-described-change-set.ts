import { openChangeSet, type Database, type OpenChangeSetOptions } from '@outlay/db';
import type { Kysely } from 'kysely';
import { actorOf, type Writer } from './actor.ts';
import { describeChangeSet } from './describe.ts';

/**
 * Opens a change set (`openChangeSet`) and says in words what it records, as `history.list` will
 * say it: every write returns the sentence, so an app can tell the person what just happened
 * ("Changed the category of 12 transactions from Dining to Groceries") without a second request.
 * The summary is read back through JSON, as the history reads it from the database. The actor is
 * the writer's (`actorOf`): the person for a session, the token for an API token.
 */
export async function openDescribedChangeSet(
  trx: Kysely<Database>,
  options: Omit<OpenChangeSetOptions, 'user' | 'actor'> & { user: Writer },
): Promise<{ changeSetId: string; description: string }> {
  const changeSetId = await openChangeSet(trx, { ...options, actor: actorOf(options.user) });
  return { changeSetId, description: describeSummary(options.action, options.summary) };
}

/** A summary in words, exactly as `history.list` will read it back from the database. */
export function describeSummary(action: string, summary: Record<string, unknown>): string {
  return describeChangeSet(action, JSON.parse(JSON.stringify(summary)) as Record<string, unknown>);
}
