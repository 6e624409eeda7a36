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
import { authedProcedure, router } from '../trpc.ts';

export const categoriesRouter = router({
  list: authedProcedure
    .output(CategoryList)
    .query(({ ctx }) => listCategories(ctx.db, { user: ctx.user })),
  create: authedProcedure
    .input(CreateCategoryInput)
    .output(CategoryWritten)
    .mutation(({ ctx, input }) => createCategory(ctx.db, { user: ctx.user, ...input })),
  update: authedProcedure
    .input(UpdateCategoryInput)
    .output(CategoryWritten)
    .mutation(({ ctx, input }) => updateCategory(ctx.db, { user: ctx.user, ...input })),
  archive: authedProcedure
    .input(IdInput)
    .output(CategoryWritten)
    .mutation(({ ctx, input }) =>
      setCategoryArchived(ctx.db, { user: ctx.user, ...input, archived: true }),
    ),
  unarchive: authedProcedure
    .input(IdInput)
    .output(CategoryWritten)
    .mutation(({ ctx, input }) =>
      setCategoryArchived(ctx.db, { user: ctx.user, ...input, archived: false }),
    ),
  merge: authedProcedure
    .input(MergeCategoriesInput)
    .output(CategoriesMerged)
    .mutation(({ ctx, input }) => mergeCategories(ctx.db, { user: ctx.user, ...input })),
  delete: authedProcedure
    .input(IdInput)
    .output(CategoryDeleted)
    .mutation(({ ctx, input }) => deleteCategory(ctx.db, { user: ctx.user, ...input })),
});
