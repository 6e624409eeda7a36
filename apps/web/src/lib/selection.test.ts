import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinctIds, selectRows } from './selection.ts';

const order = ['a', 'b', 'c', 'd', 'e'];

describe('selectRows', () => {
  it('toggles one row on a plain click', () => {
    const one = selectRows(new Set(), order, 'c', { checked: true, shift: false, anchor: 'a' });
    expect([...one]).toEqual(['c']);
    expect([...selectRows(one, order, 'c', { checked: false, shift: false, anchor: 'c' })]).toEqual(
      [],
    );
  });

  it('sets the range from the anchor on a shift-click, either direction, to the clicked state', () => {
    expect([
      ...selectRows(new Set(['a']), order, 'd', { checked: true, shift: true, anchor: 'b' }),
    ]).toEqual(['a', 'b', 'c', 'd']);
    expect([
      ...selectRows(new Set(order), order, 'b', { checked: false, shift: true, anchor: 'd' }),
    ]).toEqual(['a', 'e']);
  });

  it('falls back to one row when the anchor is gone (a new filter, a reload)', () => {
    expect([
      ...selectRows(new Set(), order, 'b', { checked: true, shift: true, anchor: 'zz' }),
    ]).toEqual(['b']);
  });

  it('changes only the rows between anchor and target, and leaves them all in the clicked state', () => {
    fc.assert(
      fc.property(
        fc.subarray(order),
        fc.constantFrom(...order),
        fc.constantFrom(...order),
        fc.boolean(),
        (start, anchor, target, checked) => {
          const before = new Set(start);
          const after = selectRows(before, order, target, { checked, shift: true, anchor });
          const [lo, hi] = [order.indexOf(anchor), order.indexOf(target)].sort((x, y) => x - y);
          order.forEach((id, index) => {
            const inRange = index >= lo! && index <= hi!;
            expect(after.has(id)).toBe(inRange ? checked : before.has(id));
          });
        },
      ),
    );
  });
});

describe('distinctIds', () => {
  it('lists a split transaction once, where its first line is', () => {
    expect(distinctIds([{ id: 'x' }, { id: 'y' }, { id: 'x' }, { id: 'z' }])).toEqual([
      'x',
      'y',
      'z',
    ]);
  });
});
