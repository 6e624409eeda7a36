import {
  CategoriesMerged,
  CategoryList,
  CategoryDeleted,
  CategoryWritten,
  CreateCategoryInput,
  IdInput,
  MergeCategoriesInput,
  UpdateCategoryInput,
} from '@outlay/contracts';
import { setCategoryArchived } from '../services/categories/archive-category.ts';
import { createCategory } from '../services/categories/create-category.ts';
import { deleteCategory } from '../services/categories/delete-category.ts';
import { listCategories } from '../services/categories/list-categories.ts';
import { mergeCategories } from '../services/categories/merge-categories.ts';
import { updateCategory } from '../services/categories/update-category.ts';
import { authedProcedure, router, rest } from '../trpc.ts';

export const categoriesRouter = router({
  list: authedProcedure
    .meta(rest('GET', '/categories', 'Your categories and groups'))
    .output(CategoryList)
    .query(({ ctx }) => listCategories(ctx.db, { user: ctx.user })),
  create: authedProcedure
    .meta(rest('POST', '/categories', 'Add a category'))
    .input(CreateCategoryInput)
    .output(CategoryWritten)
    .mutation(({ ctx, input }) => createCategory(ctx.db, { user: ctx.user, ...input })),
  update: authedProcedure
    .meta(rest('PATCH', '/categories/{id}', 'Change a category'))
    .input(UpdateCategoryInput)
    .output(CategoryWritten)
    .mutation(({ ctx, input }) => updateCategory(ctx.db, { user: ctx.user, ...input })),
  archive: authedProcedure
    .meta(
      rest('POST', '/categories/{id}/archive', 'Hide a category from pickers (its history stays)'),
    )
    .input(IdInput)
    .output(CategoryWritten)
    .mutation(({ ctx, input }) =>
      setCategoryArchived(ctx.db, { user: ctx.user, ...input, archived: true }),
    ),
  unarchive: authedProcedure
    .meta(rest('POST', '/categories/{id}/unarchive', 'Bring an archived category back'))
    .input(IdInput)
    .output(CategoryWritten)
    .mutation(({ ctx, input }) =>
      setCategoryArchived(ctx.db, { user: ctx.user, ...input, archived: false }),
    ),
  merge: authedProcedure
    .meta(
      rest(
        'POST',
        '/categories/merge',
        'Move every line of one category to another and remove the first',
      ),
    )
    .input(MergeCategoriesInput)
    .output(CategoriesMerged)
    .mutation(({ ctx, input }) => mergeCategories(ctx.db, { user: ctx.user, ...input })),
  delete: authedProcedure
    .meta(rest('DELETE', '/categories/{id}', 'Delete a category nothing uses'))
    .input(IdInput)
    .output(CategoryDeleted)
    .mutation(({ ctx, input }) => deleteCategory(ctx.db, { user: ctx.user, ...input })),
});
