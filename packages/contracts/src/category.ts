import { z } from 'zod';
import { Uuid } from './dates.ts';

export const CategoryKind = z.enum(['expense', 'income', 'transfer']);
export type CategoryKind = z.infer<typeof CategoryKind>;

export const Category = z.object({
  id: Uuid,
  name: z.string(),
  kind: CategoryKind,
  color: z.string(),
  parentId: Uuid.nullable(),
  archived: z.boolean(),
});
export type Category = z.infer<typeof Category>;

/**
 * Categories one user may have (the database refuses more): as many as one filter may name, and
 * the bound of every list and breakdown with a row per category.
 */
export const MAX_CATEGORIES = 200;
export const CategoryList = z.array(Category).max(MAX_CATEGORIES);
