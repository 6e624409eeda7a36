/**
 * The two levels of categories (DESIGN §9) as the categories page shows them, and the rules a
 * move must keep, checked here before asking the server (which checks them again):
 * a group is a top-level category; a category that holds others cannot go into a group; an
 * archived category is no place to move to.
 */
import type { Category, CategoryKind } from '@outlay/contracts';

export interface CategoryNode {
  category: Category;
  /** Its categories, when it is a group (archived ones are in the archived list instead). */
  children: Category[];
}

export interface CategoryTree {
  /** Top-level categories by kind, each with its categories, in the list's order. */
  sections: { kind: CategoryKind; nodes: CategoryNode[] }[];
  /** Archived categories: hidden from pickers, kept for their history. */
  archived: Category[];
}

const KINDS: CategoryKind[] = ['expense', 'income', 'transfer'];

export function categoryTree(categories: readonly Category[]): CategoryTree {
  const active = categories.filter((c) => !c.archived);
  const childrenOf = new Map<string, Category[]>();
  for (const category of active) {
    if (category.parentId === null) continue;
    const list = childrenOf.get(category.parentId) ?? [];
    list.push(category);
    childrenOf.set(category.parentId, list);
  }
  const known = new Set(categories.map((c) => c.id));
  // An active category in an archived group stays under it (the group shows as archived), so
  // nothing active is ever out of sight; one whose group is gone would be at the top level.
  const top = categories.filter(
    (c) => (c.parentId === null || !known.has(c.parentId)) && (!c.archived || childrenOf.has(c.id)),
  );
  const sections = KINDS.map((kind) => ({
    kind,
    nodes: top
      .filter((c) => c.kind === kind)
      .map((category) => ({ category, children: childrenOf.get(category.id) ?? [] })),
  })).filter((section) => section.nodes.length > 0);
  // An archived group still holding active categories is shown in the tree, not twice.
  const inTree = new Set(top.map((c) => c.id));
  return { sections, archived: categories.filter((c) => c.archived && !inTree.has(c.id)) };
}

/** Why `moving` cannot go into `groupId` (`null`: out of any group), or `null` when it can. */
export function moveRefusal(
  categories: readonly Category[],
  moving: Category,
  groupId: string | null,
): string | null {
  if (groupId === moving.parentId) return null;
  if (groupId === null) return null;
  if (groupId === moving.id) return 'A category cannot go into itself.';
  const group = categories.find((c) => c.id === groupId);
  if (!group) return 'That group no longer exists.';
  if (group.parentId !== null) {
    return `'${group.name}' is in a group itself: categories have two levels.`;
  }
  if (group.archived) return `'${group.name}' is archived.`;
  if (categories.some((c) => c.parentId === moving.id)) {
    return `'${moving.name}' holds categories of its own: a group cannot go into another group.`;
  }
  return null;
}

/** The groups `moving` can be put in: active top-level categories other than itself. */
export function groupChoices(categories: readonly Category[], moving: Category | null): Category[] {
  return categories.filter(
    (c) =>
      c.parentId === null &&
      !c.archived &&
      (moving === null ||
        c.id === moving.parentId ||
        moveRefusal(categories, moving, c.id) === null),
  );
}

/** Where a category may be merged into: any other active category (its own group included). */
export function mergeTargets(categories: readonly Category[], from: Category): Category[] {
  return categories.filter((c) => c.id !== from.id && !c.archived);
}

/** A category's name with its group, for lists where the two levels are flattened. */
export function qualifiedName(categories: readonly Category[], category: Category): string {
  const group =
    category.parentId === null ? undefined : categories.find((c) => c.id === category.parentId);
  return group ? `${group.name} › ${category.name}` : category.name;
}
