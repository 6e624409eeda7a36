/**
 * One colour per category name, shared by the demo and bulk generators so a category looks the
 * same for every user. Tableau-10-derived hues: distinguishable with the common colour-vision
 * deficiencies and legible as chart fills on light and dark backgrounds.
 */
export const CATEGORY_COLORS = {
  Groceries: '#76b7b2',
  Utilities: '#edc948',
  Transport: '#f28e2b',
  Technology: '#4e79a7',
  Education: '#b07aa1',
  Dining: '#e15759',
  Entertainment: '#ff9da7',
  Shopping: '#d37295',
  Travel: '#499894',
  Health: '#9c755f',
  Housing: '#79706e',
  Salary: '#59a14f',
  Transfer: '#bab0ac',
} as const;

export type CategoryName = keyof typeof CATEGORY_COLORS;

/** The categories a newly registered account starts with. */
export const DEFAULT_CATEGORIES: {
  name: CategoryName;
  kind: 'expense' | 'income' | 'transfer';
  color: string;
}[] = (
  [
    ['Groceries', 'expense'],
    ['Dining', 'expense'],
    ['Housing', 'expense'],
    ['Utilities', 'expense'],
    ['Transport', 'expense'],
    ['Shopping', 'expense'],
    ['Health', 'expense'],
    ['Entertainment', 'expense'],
    ['Travel', 'expense'],
    ['Salary', 'income'],
    ['Transfer', 'transfer'],
  ] as const
).map(([name, kind]) => ({ name, kind, color: CATEGORY_COLORS[name] }));
