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
import { clock } from '../context.ts';
import { createRecurringItem } from '../services/recurring/create-recurring-item.ts';
import { deleteRecurringItem } from '../services/recurring/delete-recurring-item.ts';
import { listRecurringItems } from '../services/recurring/list-recurring-items.ts';
import { setRecurringItemPaused } from '../services/recurring/pause-recurring-item.ts';
import { suggestRecurringItems } from '../services/recurring/suggest-recurring-items.ts';
import { updateRecurringItem } from '../services/recurring/update-recurring-item.ts';
import { authedProcedure, router } from '../trpc.ts';

/** Today as the server's clock has it (UTC): where due items start and statuses turn. */
export const todayOf = (ctx: { now?: () => Date }) => todayUtc(clock(ctx));

export const recurringRouter = router({
  list: authedProcedure
    .output(RecurringItemList)
    .query(({ ctx }) => listRecurringItems(ctx.db, { user: ctx.user, today: todayOf(ctx) })),
  suggestions: authedProcedure
    .output(RecurringSuggestionList)
    .query(({ ctx }) => suggestRecurringItems(ctx.db, { user: ctx.user, today: todayOf(ctx) })),
  create: authedProcedure
    .input(CreateRecurringItemInput)
    .output(RecurringItemWritten)
    .mutation(({ ctx, input }) =>
      createRecurringItem(ctx.db, { user: ctx.user, today: todayOf(ctx), ...input }),
    ),
  update: authedProcedure
    .input(UpdateRecurringItemInput)
    .output(RecurringItemWritten)
    .mutation(({ ctx, input }) =>
      updateRecurringItem(ctx.db, { user: ctx.user, today: todayOf(ctx), ...input }),
    ),
  pause: authedProcedure
    .input(IdInput)
    .output(RecurringItemWritten)
    .mutation(({ ctx, input }) =>
      setRecurringItemPaused(ctx.db, {
        user: ctx.user,
        today: todayOf(ctx),
        ...input,
        paused: true,
      }),
    ),
  resume: authedProcedure
    .input(IdInput)
    .output(RecurringItemWritten)
    .mutation(({ ctx, input }) =>
      setRecurringItemPaused(ctx.db, {
        user: ctx.user,
        today: todayOf(ctx),
        ...input,
        paused: false,
      }),
    ),
  delete: authedProcedure
    .input(IdInput)
    .output(RecurringItemDeleted)
    .mutation(({ ctx, input }) =>
      deleteRecurringItem(ctx.db, { user: ctx.user, today: todayOf(ctx), ...input }),
    ),
});
