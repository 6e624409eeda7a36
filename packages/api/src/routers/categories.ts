import { CategoryList } from '@outlay/contracts';
import { listCategories } from '../services/categories/list-categories.ts';
import { authedProcedure, router } from '../trpc.ts';

export const categoriesRouter = router({
  list: authedProcedure
    .output(CategoryList)
    .query(({ ctx }) => listCategories(ctx.db, { user: ctx.user })),
});
