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
