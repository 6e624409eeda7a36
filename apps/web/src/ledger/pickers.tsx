/**
 * The category and account pickers every recording form uses (quick entry, the edit drawer, the
 * bulk action bar): native selects, so the keyboard and screen readers work as everywhere else.
 * Archived categories and accounts are hidden unless the value being edited uses one.
 */
import type { Account, Category } from '@outlay/contracts';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode, SelectHTMLAttributes } from 'react';
import { useTRPC } from '../lib/trpc.ts';

/** The categories and accounts the pickers offer (cached for minutes; a write refreshes them). */
export function usePickerLists() {
  const trpc = useTRPC();
  const categories = useQuery(
    trpc.categories.list.queryOptions(undefined, { staleTime: 5 * 60_000 }),
  );
  const accounts = useQuery(trpc.accounts.list.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  return {
    categories: categories.data,
    accounts: accounts.data,
    accountsLoaded: accounts.isSuccess,
  };
}

/** A select with its label, laid out like every other field. */
function Labelled({ id, label, children }: { id?: string; label?: string; children: ReactNode }) {
  if (label === undefined) return children;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'>;

/** The value of "Uncategorized" in a category select. */
export const UNCATEGORIZED = '';
const NOTHING = '__nothing';

export function CategorySelect({
  categories,
  value,
  onChange,
  placeholder,
  label,
  ...select
}: SelectProps & {
  /** A visible label (and the field's layout); without it, give an `aria-label`. */
  label?: string;
  categories: readonly Category[] | undefined;
  /** `undefined` while nothing is chosen (with `placeholder`); null is Uncategorized. */
  value: string | null | undefined;
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
    <Labelled id={select.id} label={label}>
      <select
        {...select}
        value={value === undefined ? NOTHING : (value ?? UNCATEGORIZED)}
        onChange={(event) =>
          onChange(event.target.value === UNCATEGORIZED ? null : event.target.value)
        }
      >
        {placeholder !== undefined && (
          <option value={NOTHING} disabled>
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
    </Labelled>
  );
}

export function AccountSelect({
  accounts,
  value,
  onChange,
  label,
  ...select
}: SelectProps & {
  label?: string;
  accounts: readonly Account[] | undefined;
  value: string;
  onChange: (accountId: string) => void;
}) {
  const shown = (accounts ?? []).filter((a) => !a.archived || a.id === value);
  return (
    <Labelled id={select.id} label={label}>
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
    </Labelled>
  );
}
