/**
 * The category and account pickers every recording form uses (quick entry, the edit drawer, the
 * bulk action bar): native selects, so the keyboard and screen readers work as everywhere else.
 * Archived categories and accounts are hidden unless the value being edited uses one.
 */
import type { Account, Category } from '@outlay/contracts';
import type { SelectHTMLAttributes } from 'react';

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>;

/** The value of "Uncategorized" in a category select. */
export const UNCATEGORIZED = '';

export function CategorySelect({
  categories,
  value,
  onChange,
  placeholder,
  ...select
}: SelectProps & {
  categories: readonly Category[] | undefined;
  value: string | null;
  onChange: (categoryId: string | null) => void;
  /** A first option that chooses nothing (the bulk bar's "Choose a category"). */
  placeholder?: string;
}) {
  const shown = (categories ?? []).filter((c) => !c.archived || c.id === value);
  const parents = new Set(shown.map((c) => c.parentId).filter(Boolean));
  const byName = (a: Category, b: Category) => a.name.localeCompare(b.name);
  const loose = shown.filter((c) => c.parentId === null && !parents.has(c.id)).sort(byName);
  const groups = shown.filter((c) => c.parentId === null && parents.has(c.id)).sort(byName);
  return (
    <select
      {...select}
      value={value ?? UNCATEGORIZED}
      onChange={(event) =>
        onChange(event.target.value === UNCATEGORIZED ? null : event.target.value)
      }
    >
      {placeholder !== undefined && (
        <option value="__none" disabled>
          {placeholder}
        </option>
      )}
      <option value={UNCATEGORIZED}>Uncategorized</option>
      {loose.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
      {groups.map((group) => (
        <optgroup key={group.id} label={group.name}>
          <option value={group.id}>{group.name} (the group)</option>
          {shown
            .filter((c) => c.parentId === group.id)
            .sort(byName)
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
        </optgroup>
      ))}
    </select>
  );
}

export function AccountSelect({
  accounts,
  value,
  onChange,
  ...select
}: SelectProps & {
  accounts: readonly Account[] | undefined;
  value: string;
  onChange: (accountId: string) => void;
}) {
  const shown = (accounts ?? []).filter((a) => !a.archived || a.id === value);
  return (
    <select {...select} value={value} onChange={(event) => onChange(event.target.value)}>
      {value === '' && (
        <option value="" disabled>
          Choose an account
        </option>
      )}
      {shown.map((a) => (
        <option key={a.id} value={a.id}>
          {a.name}
        </option>
      ))}
    </select>
  );
}
