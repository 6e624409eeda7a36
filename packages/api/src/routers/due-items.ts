import {
  DueItemList,
  DueItemsListInput,
  DueItemsReordered,
  DueItemWritten,
  IdInput,
  MarkDueItemPaidInput,
  ReorderDueItemsInput,
  UpdateDueItemInput,
} from '@outlay/contracts';
import { listDueItems } from '../services/recurring/list-due-items.ts';
import { markDueItemPaid } from '../services/recurring/mark-due-item-paid.ts';
import { reorderDueItems } from '../services/recurring/reorder-due-items.ts';
import { skipDueItem } from '../services/recurring/skip-due-item.ts';
import { updateDueItem } from '../services/recurring/update-due-item.ts';
import { authedProcedure, rest, router } from '../trpc.ts';
import { todayOf } from './recurring.ts';

export const dueItemsRouter = router({
  list: authedProcedure
    .meta(rest('GET', '/due-items', 'Due items between two dates, with their statuses'))
    .input(DueItemsListInput)
    .output(DueItemList)
    .query(({ ctx, input }) =>
      listDueItems(ctx.db, { user: ctx.user, today: todayOf(ctx), ...input }),
    ),
  markPaid: authedProcedure
    .meta(rest('POST', '/due-items/{id}/pay', 'Mark a due item paid, recording the transaction'))
    .input(MarkDueItemPaidInput)
    .output(DueItemWritten)
    .mutation(({ ctx, input }) =>
      markDueItemPaid(ctx.db, { user: ctx.user, today: todayOf(ctx), ...input }),
    ),
  skip: authedProcedure
    .meta(rest('POST', '/due-items/{id}/skip', 'Skip one occurrence'))
    .input(IdInput)
    .output(DueItemWritten)
    .mutation(({ ctx, input }) =>
      skipDueItem(ctx.db, { user: ctx.user, today: todayOf(ctx), ...input }),
    ),
  update: authedProcedure
    .meta(rest('PATCH', '/due-items/{id}', 'Move one occurrence or set its amount, not its series'))
    .input(UpdateDueItemInput)
    .output(DueItemWritten)
    .mutation(({ ctx, input }) =>
      updateDueItem(ctx.db, { user: ctx.user, today: todayOf(ctx), ...input }),
    ),
  reorder: authedProcedure
    .meta(rest('POST', '/due-items/reorder', 'Put due items in the order to pay them'))
    .input(ReorderDueItemsInput)
    .output(DueItemsReordered)
    .mutation(({ ctx, input }) => reorderDueItems(ctx.db, { user: ctx.user, ...input })),
});
