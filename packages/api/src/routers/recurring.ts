import {
  CreateRecurringItemInput,
  IdInput,
  RecurringItemDeleted,
  RecurringItemList,
  RecurringItemWritten,
  RecurringSuggestionList,
  todayUtc,
  UpdateRecurringItemInput,
} from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { clock } from '../context.ts';
import type { Writer } from '../services/history/actor.ts';
import { createRecurringItem } from '../services/recurring/create-recurring-item.ts';
import { deleteRecurringItem } from '../services/recurring/delete-recurring-item.ts';
import { listRecurringItems } from '../services/recurring/list-recurring-items.ts';
import { setRecurringItemPaused } from '../services/recurring/pause-recurring-item.ts';
import { suggestRecurringItems } from '../services/recurring/suggest-recurring-items.ts';
import { updateRecurringItem } from '../services/recurring/update-recurring-item.ts';
import { authedProcedure, rest, router } from '../trpc.ts';

/** Today as the server's clock has it (UTC): where due items start and statuses turn. */
export const todayOf = (ctx: { now?: () => Date }) => todayUtc(clock(ctx));

/** Pause and resume are one service, told which. */
function setPaused(paused: boolean) {
  return ({
    ctx,
    input,
  }: {
    ctx: { db: Kysely<Database>; user: Writer; now?: () => Date };
    input: { id: string };
  }) => setRecurringItemPaused(ctx.db, { user: ctx.user, today: todayOf(ctx), ...input, paused });
}

export const recurringRouter = router({
  list: authedProcedure
    .meta(rest('GET', '/recurring', 'Your bills, subscriptions and repeating income'))
    .output(RecurringItemList)
    .query(({ ctx }) => listRecurringItems(ctx.db, { user: ctx.user, today: todayOf(ctx) })),
  suggestions: authedProcedure
    .meta(
      rest(
        'GET',
        '/recurring/suggestions',
        'Payees with a regular rhythm and amount, offered as bills',
      ),
    )
    .output(RecurringSuggestionList)
    .query(({ ctx }) => suggestRecurringItems(ctx.db, { user: ctx.user, today: todayOf(ctx) })),
  create: authedProcedure
    .meta(
      rest('POST', '/recurring', 'Add a recurring item (an RFC 5545 rule); its due items follow'),
    )
    .input(CreateRecurringItemInput)
    .output(RecurringItemWritten)
    .mutation(({ ctx, input }) =>
      createRecurringItem(ctx.db, { user: ctx.user, today: todayOf(ctx), ...input }),
    ),
  update: authedProcedure
    .meta(
      rest('PATCH', '/recurring/{id}', 'Change a recurring item; unpaid future due items follow'),
    )
    .input(UpdateRecurringItemInput)
    .output(RecurringItemWritten)
    .mutation(({ ctx, input }) =>
      updateRecurringItem(ctx.db, { user: ctx.user, today: todayOf(ctx), ...input }),
    ),
  pause: authedProcedure
    .meta(
      rest(
        'POST',
        '/recurring/{id}/pause',
        'Pause a recurring item (its unpaid future due items go)',
      ),
    )
    .input(IdInput)
    .output(RecurringItemWritten)
    .mutation(setPaused(true)),
  resume: authedProcedure
    .meta(rest('POST', '/recurring/{id}/resume', 'Resume a paused recurring item from today'))
    .input(IdInput)
    .output(RecurringItemWritten)
    .mutation(setPaused(false)),
  delete: authedProcedure
    .meta(rest('DELETE', '/recurring/{id}', 'Delete a recurring item and its due items'))
    .input(IdInput)
    .output(RecurringItemDeleted)
    .mutation(({ ctx, input }) =>
      deleteRecurringItem(ctx.db, { user: ctx.user, today: todayOf(ctx), ...input }),
    ),
});
