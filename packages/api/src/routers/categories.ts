import { Category } from '@outlay/contracts';
import { z } from 'zod';
import { listCategories } from '../services/categories/list-categories.ts';
import { authedProcedure, router } from '../trpc.ts';

export const categoriesRouter = router({
  list: authedProcedure
    .output(z.array(Category))
    .query(({ ctx }) => listCategories(ctx.db, { user: ctx.user })),
});
