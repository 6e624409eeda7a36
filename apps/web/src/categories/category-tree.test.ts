import type { Category } from '@outlay/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { categoryTree, groupChoices, moveRefusal, qualifiedName } from './category-tree.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
function category(
  n: number,
  parent: number | null,
  options: Partial<Pick<Category, 'kind' | 'archived'>> = {},
): Category {
  return {
    id: id(n),
    name: `C${n}`,
    kind: options.kind ?? 'expense',
    color: '#8a94a6',
    parentId: parent === null ? null : id(parent),
    archived: options.archived ?? false,
  };
}

describe('the two levels of categories', () => {
  // 1 is a group holding 2 and 3 (archived); 4 stands alone; 5 is income; 6 is an archived
  // group still holding 7.
  const categories = [
    category(1, null),
    category(2, 1),
    category(3, 1, { archived: true }),
    category(4, null),
    category(5, null, { kind: 'income' }),
    category(6, null, { archived: true }),
    category(7, 6),
  ];

  it('puts groups with their active categories by kind, and the archived apart', () => {
    const tree = categoryTree(categories);
    expect(
      tree.sections.map((s) => [
        s.kind,
        s.nodes.map((n) => [n.category.name, n.children.map((c) => c.name)]),
      ]),
    ).toEqual([
      [
        'expense',
        [
          ['C1', ['C2']],
          ['C4', []],
          ['C6', ['C7']],
        ],
      ],
      ['income', [['C5', []]]],
    ]);
    // The archived group still holding C7 is in the tree, so it is not listed twice.
    expect(tree.archived.map((c) => c.name)).toEqual(['C3']);
  });

  it('says why a move breaks the rules, and nothing when it keeps them', () => {
    const [one, two, , four] = categories as [Category, Category, Category, Category];
    expect(moveRefusal(categories, two, id(4))).toBeNull();
    expect(moveRefusal(categories, two, null)).toBeNull();
    expect(moveRefusal(categories, two, id(1))).toBeNull();
    expect(moveRefusal(categories, four, id(1))).toBeNull();
    expect(moveRefusal(categories, one, id(4))).toMatch(/holds categories/);
    expect(moveRefusal(categories, four, id(2))).toMatch(/two levels/);
    expect(moveRefusal(categories, four, id(4))).toMatch(/itself/);
    expect(moveRefusal(categories, four, id(6))).toMatch(/archived/);
    expect(moveRefusal(categories, four, id(99))).toMatch(/no longer exists/);
  });

  it('offers as groups only the places a move may go (property)', () => {
    const lists = fc
      .array(
        fc.record({
          parent: fc.option(fc.integer({ min: 0, max: 7 }), { nil: null }),
          archived: fc.boolean(),
        }),
        { minLength: 1, maxLength: 8 },
      )
      .map((specs) =>
        specs.map((spec, n) =>
          // Two levels, as the database keeps them: only a top-level category is a parent.
          category(
            n,
            spec.parent !== null && spec.parent < n && specs[spec.parent]!.parent === null
              ? spec.parent
              : null,
            { archived: spec.archived },
          ),
        ),
      );
    fc.assert(
      fc.property(lists, (list) => {
        for (const moving of list) {
          for (const group of groupChoices(list, moving)) {
            if (group.id !== moving.parentId)
              expect(moveRefusal(list, moving, group.id)).toBeNull();
            expect(group.parentId).toBeNull();
          }
        }
        // Every active category is in the tree or in the archived list, exactly once.
        const tree = categoryTree(list);
        const shown = [
          ...tree.sections.flatMap((s) =>
            s.nodes.flatMap((n) => [n.category.id, ...n.children.map((c) => c.id)]),
          ),
          ...tree.archived.map((c) => c.id),
        ];
        expect(new Set(shown).size).toBe(shown.length);
        for (const c of list) if (!c.archived) expect(shown).toContain(c.id);
      }),
    );
  });

  it('names a category with its group where the levels are flattened', () => {
    expect(qualifiedName(categories, categories[1]!)).toBe('C1 › C2');
    expect(qualifiedName(categories, categories[3]!)).toBe('C4');
  });
});
