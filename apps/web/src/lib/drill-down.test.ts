import type { Category } from '@outlay/contracts';
import { describe, expect, it } from 'vitest';
import { budgetHref, categoryHref, rowCategoryIds } from './drill-down.ts';
import { defaultViewState, parseViewSearch } from './view-state.ts';

const today = '2025-11-21';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const category = (n: number, parent: number | null, archived = false): Category => ({
  id: id(n),
  name: `C${n}`,
  kind: 'expense',
  color: '#8a94a6',
  parentId: parent === null ? null : id(parent),
  archived,
});
// Group 1 holds 2 and 3 (3 archived); 4 is a top-level category outside any group.
const categories = [category(1, null), category(2, 1), category(3, 1, true), category(4, null)];

describe('drilling into a row of the by-category chart', () => {
  it('by category, names the one category', () => {
    const state = defaultViewState(today);
    expect(rowCategoryIds(state, id(1), categories)).toEqual([id(1)]);
  });

  it('by group, names the group and every category in it, archived ones too', () => {
    const state = { ...defaultViewState(today), groupBy: 'group' as const };
    expect(rowCategoryIds(state, id(1), categories)).toEqual([id(1), id(2), id(3)]);
    expect(rowCategoryIds(state, id(4), categories)).toEqual([id(4)]);
    // Before the category list arrives, the group alone (what the row is named by).
    expect(rowCategoryIds(state, id(1), undefined)).toEqual([id(1)]);
  });

  it('links to spend of exactly those categories, keeping the dates and the grouping', () => {
    const state = { ...defaultViewState(today), groupBy: 'group' as const };
    const href = categoryHref(state, id(1), categories);
    const [path, search] = href.split('?');
    expect(path).toBe('/transactions');
    const parsed = parseViewSearch(search!, today);
    expect(parsed.problems).toEqual([]);
    expect(parsed.state.filter).toEqual({
      ...state.filter,
      categoryIds: [id(1), id(2), id(3)],
      kind: 'spend',
    });
    expect(parsed.state.groupBy).toBe('group');
    expect(parsed.state.focus).toBe('totalSpend');
  });

  it('links "Uncategorized" to rows without a category', () => {
    const state = { ...defaultViewState(today), groupBy: 'group' as const };
    const parsed = parseViewSearch(categoryHref(state, null, categories).split('?')[1]!, today);
    expect(parsed.state.filter).toEqual({
      ...state.filter,
      includeUncategorized: true,
      kind: 'spend',
    });
  });
});

describe('drilling into a budget', () => {
  const period = { from: '2025-11-01', to: '2025-11-30' };
  const read = (href: string) => {
    expect(href.startsWith('/transactions?')).toBe(true);
    return parseViewSearch(href.slice('/transactions'.length), today).state;
  };

  it("opens the period's spend of the category", () => {
    const state = read(budgetHref(today, { categoryId: id(2), groupId: null }, period, categories));
    expect(state.filter).toEqual({ ...period, categoryIds: [id(2)], kind: 'spend' });
    expect(state.preset).toBeNull();
  });

  it('opens a group budget on the group and every category in it, archived ones too', () => {
    const state = read(budgetHref(today, { categoryId: null, groupId: id(1) }, period, categories));
    expect(state.filter.categoryIds).toEqual([id(1), id(2), id(3)].sort());
    expect(state.filter).toMatchObject({ ...period, kind: 'spend' });
  });
});
