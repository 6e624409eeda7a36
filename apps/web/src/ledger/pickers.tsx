/**
 * The category and account pickers every recording form uses (quick entry, the edit drawer, the
 * bulk action bar, the bill and budget dialogs): native selects, so the keyboard and screen
 * readers work as everywhere else. Archived categories and accounts are hidden unless the value
 * being edited uses one. Each ends with "Add new…", which asks for a name in place and chooses
 * what it adds, so a missing category or account never means leaving the form.
 */
import type {
  Account,
  AccountWritten,
  Category,
  CategoryKind,
  CategoryWritten,
} from '@outlay/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type ReactNode, type SelectHTMLAttributes } from 'react';
import { FieldError } from '../components/form-error.tsx';
import { apiError, writeErrorMessage } from '../lib/api-errors.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { useTRPC } from '../lib/trpc.ts';
import { useLedger, type Written } from './ledger-context.tsx';
import './ledger.css';

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
/** The value of the "Add new…" option. */
const ADD_NEW = '__add_new';

/**
 * "Add new…" in place: a name and Add under the select. Enter adds rather than submitting the
 * form around it; the new one is chosen once the server has it, and History can undo it.
 */
function AddNew({
  id,
  what,
  hint,
  pending,
  error,
  onAdd,
  onCancel,
}: {
  id: string;
  what: string;
  hint: string;
  pending: boolean;
  error: string;
  onAdd: (name: string) => void;
  onCancel: () => void;
}) {
  const [name, setName] = useState('');
  const add = () => {
    if (name.trim() !== '') onAdd(name.trim());
  };
  return (
    <div className="picker-new" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} className="visually-hidden">
        New {what}
      </span>
      <input
        id={id}
        aria-label={`Name of the new ${what}`}
        aria-describedby={`${id}-hint`}
        value={name}
        maxLength={100}
        autoFocus
        onChange={(event) => setName(event.target.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          add();
        }}
      />
      <button type="button" className="button small" disabled={pending} onClick={add}>
        {pending ? 'Adding…' : 'Add'}
      </button>
      <button type="button" className="button ghost small" onClick={onCancel}>
        Cancel
      </button>
      <p id={`${id}-hint`} className="muted small">
        {hint}
      </p>
      {error && (
        <FieldError id={`${id}-error`} announce>
          {error}
        </FieldError>
      )}
    </div>
  );
}

/** The state of one picker's "Add new…", and the callbacks of the create call behind it. */
function useAddNew() {
  const ledger = useLedger();
  const [adding, setAdding] = useState(false);
  const [error, setError] = useState('');
  return {
    adding,
    error,
    start: () => setAdding(true),
    cancel: () => {
      setAdding(false);
      setError('');
    },
    /** Reports what was added (with Undo), closes the field, and chooses it. */
    callbacks: <Result extends Written>(chosen: (result: Result) => void) => ({
      onSuccess: (result: Result) => {
        void ledger.report(result);
        setAdding(false);
        setError('');
        chosen(result);
      },
      onError: (problem: unknown) =>
        setError(writeErrorMessage(apiError(problem), 'Outlay could not add it.')),
    }),
  };
}

export function CategorySelect({
  categories,
  value,
  onChange,
  placeholder,
  label,
  newKind = 'expense',
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
  /** What "Add new…" makes: an expense category unless told otherwise. */
  newKind?: CategoryKind;
}) {
  const trpc = useTRPC();
  const addNew = useAddNew();
  const create = useMutation(
    trpc.categories.create.mutationOptions(
      addNew.callbacks((result: CategoryWritten) => onChange(result.category.id)),
    ),
  );
  const shown = (categories ?? []).filter((c) => !c.archived || c.id === value);
  const parents = new Set(shown.map((c) => c.parentId).filter(Boolean));
  const byName = (a: Category, b: Category) => a.name.localeCompare(b.name);
  const loose = shown.filter((c) => c.parentId === null && !parents.has(c.id)).sort(byName);
  const groups = shown.filter((c) => c.parentId === null && parents.has(c.id)).sort(byName);
  return (
    <Labelled id={select.id} label={label}>
      <select
        {...select}
        value={addNew.adding ? ADD_NEW : value === undefined ? NOTHING : (value ?? UNCATEGORIZED)}
        onChange={(event) => {
          const chosen = event.target.value;
          if (chosen === ADD_NEW) addNew.start();
          else {
            addNew.cancel();
            onChange(chosen === UNCATEGORIZED ? null : chosen);
          }
        }}
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
        <option value={ADD_NEW}>Add new…</option>
      </select>
      {addNew.adding && (
        <AddNew
          id={`${select.id ?? 'category'}-new`}
          what="category"
          hint={`A new ${newKind} category; give it a group and colour on Categories.`}
          pending={create.isPending}
          error={addNew.error}
          onAdd={(name) => create.mutate({ name, kind: newKind })}
          onCancel={addNew.cancel}
        />
      )}
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
  const trpc = useTRPC();
  const format = useFormatters();
  const addNew = useAddNew();
  const create = useMutation(
    trpc.accounts.create.mutationOptions(
      addNew.callbacks((result: AccountWritten) => onChange(result.account.id)),
    ),
  );
  const shown = (accounts ?? []).filter((a) => !a.archived || a.id === value);
  const currency = shown[0]?.currency ?? format.currency;
  return (
    <Labelled id={select.id} label={label}>
      <select
        {...select}
        value={addNew.adding ? ADD_NEW : value}
        onChange={(event) => {
          if (event.target.value === ADD_NEW) addNew.start();
          else {
            addNew.cancel();
            onChange(event.target.value);
          }
        }}
      >
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
        <option value={ADD_NEW}>Add new…</option>
      </select>
      {addNew.adding && (
        <AddNew
          id={`${select.id ?? 'account'}-new`}
          what="account"
          hint={`A checking account in ${currency}; change its kind or opening balance on Accounts.`}
          pending={create.isPending}
          error={addNew.error}
          onAdd={(name) => create.mutate({ name, kind: 'checking', currency })}
          onCancel={addNew.cancel}
        />
      )}
    </Labelled>
  );
}
