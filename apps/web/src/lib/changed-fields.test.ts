import { describe, expect, it } from 'vitest';
import { changedFields } from './changed-fields.ts';

describe('changedFields', () => {
  const record = {
    name: 'Food',
    kind: 'expense',
    parentId: null as string | null,
    color: '#aa0000',
  };

  it('keeps only the fields whose value differs', () => {
    expect(changedFields(record, { name: 'Groceries', kind: 'expense', parentId: 'p1' })).toEqual({
      name: 'Groceries',
      parentId: 'p1',
    });
  });

  it('is empty when nothing changed, and never names a field it was not given', () => {
    expect(changedFields(record, { name: 'Food', parentId: null })).toEqual({});
  });

  it('sends a cleared value (null) as a change', () => {
    const grouped: typeof record = { ...record, parentId: 'p1' };
    expect(changedFields(grouped, { parentId: null })).toEqual({
      parentId: null,
    });
  });
});
