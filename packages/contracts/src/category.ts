import { z } from 'zod';
import { Count, Uuid } from './dates.ts';
import { Name } from './text.ts';
import { patchOf, updateOf } from './patch.ts';
import { ChangeWritten } from './history.ts';

export const CategoryKind = z.enum(['expense', 'income', 'transfer']);
export type CategoryKind = z.infer<typeof CategoryKind>;

export const Category = z.object({
  id: Uuid,
  name: z.string(),
  kind: CategoryKind,
  color: z.string(),
  /** The group this category belongs to; null for a group or a category outside any group. */
  parentId: Uuid.nullable(),
  /** Archived categories are hidden from pickers; the rows that use them keep them. */
  archived: z.boolean(),
});
export type Category = z.infer<typeof Category>;

/**
 * Categories one user may have (the database refuses more): as many as one filter may name, and
 * the bound of every list and breakdown with a row per category.
 */
export const MAX_CATEGORIES = 200;
export const CategoryList = z.array(Category).max(MAX_CATEGORIES);

export const CategoryColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour is #rrggbb');

/** The colour a category gets when none is given. */
export const DEFAULT_CATEGORY_COLOR = '#8a94a6';

export const CreateCategoryInput = z.strictObject({
  name: Name,
  kind: CategoryKind,
  color: CategoryColor.optional(),
  /** A group (a category without a parent) to put it in. */
  parentId: Uuid.nullable().optional(),
});
export type CreateCategoryInput = z.infer<typeof CreateCategoryInput>;

export const UpdateCategoryInput = updateOf(
  patchOf({
    name: Name.optional(),
    kind: CategoryKind.optional(),
    color: CategoryColor.optional(),
    parentId: Uuid.nullable().optional(),
  }),
);
export type UpdateCategoryInput = z.infer<typeof UpdateCategoryInput>;

export const MergeCategoriesInput = z
  .strictObject({ from: Uuid, into: Uuid })
  .refine((input) => input.from !== input.into, {
    message: 'A category cannot be merged into itself',
    path: ['into'],
  });
export type MergeCategoriesInput = z.infer<typeof MergeCategoriesInput>;

export const CategoryWritten = ChangeWritten.extend({
  category: Category,
});
export type CategoryWritten = z.infer<typeof CategoryWritten>;

export const CategoriesMerged = ChangeWritten.extend({
  into: Category,
  /** Rows and budgets moved from `from` to `into`. */
  moved: z.object({ transactions: Count, lines: Count, budgets: Count }),
});
export type CategoriesMerged = z.infer<typeof CategoriesMerged>;

export const CategoryDeleted = ChangeWritten.extend({
  id: Uuid,
});
export type CategoryDeleted = z.infer<typeof CategoryDeleted>;
