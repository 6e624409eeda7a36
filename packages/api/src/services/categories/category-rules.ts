import type { Category } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import { DomainError } from '../../errors.ts';

export const CATEGORY_COLUMNS = [
  'id',
  'name',
  'kind',
  'color',
  'parent_id as parentId',
  'archived',
] as const;

/** One of the caller's categories, or NOT_FOUND. */
export async function findCategory(
  db: Kysely<Database>,
  userId: string,
  id: string,
): Promise<Category> {
  const category = await db
    .selectFrom('categories')
    .select(CATEGORY_COLUMNS)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!category) throw new DomainError('NOT_FOUND', 'Category not found');
  return category;
}

/**
 * The rules of DESIGN §9 a category's place must keep: two levels (a group has no parent; a
 * category in a group has no children) and a name unique within its group, case-insensitive.
 * Checked before writing so the caller gets a sentence, not a constraint name; the database
 * checks the same at commit.
 */
export async function assertCategoryPlace(
  db: Kysely<Database>,
  userId: string,
  place: { id?: string; name: string; parentId: string | null },
): Promise<{ groupName: string | null }> {
  let groupName: string | null = null;
  if (place.parentId !== null) {
    if (place.parentId === place.id) {
      throw new DomainError('BAD_INPUT', 'A category cannot be its own group');
    }
    const group = await findCategory(db, userId, place.parentId);
    if (group.parentId !== null) {
      throw new DomainError(
        'BAD_INPUT',
        `'${group.name}' is in a group itself: categories have two levels, choose a top-level category as the group`,
      );
    }
    if (place.id !== undefined) {
      const child = await db
        .selectFrom('categories')
        .select('name')
        .where('user_id', '=', userId)
        .where('parent_id', '=', place.id)
        .executeTakeFirst();
      if (child) {
        throw new DomainError(
          'BAD_INPUT',
          'This category is a group (it holds categories): a group cannot go into another group',
        );
      }
    }
    groupName = group.name;
  }
  const clash = await db
    .selectFrom('categories')
    .select('name')
    .where('user_id', '=', userId)
    .where(sql<boolean>`lower(name) = lower(${place.name})`)
    .where(sql<boolean>`parent_id is not distinct from ${place.parentId}::uuid`)
    .$if(place.id !== undefined, (q) => q.where('id', '<>', place.id!))
    .executeTakeFirst();
  if (clash) {
    throw new DomainError(
      'CONFLICT',
      `A category named '${clash.name}' already exists${groupName ? ` in ${groupName}` : ''}`,
    );
  }
  return { groupName };
}
