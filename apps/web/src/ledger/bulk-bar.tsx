/**
 * What to do with the selected transactions: give them a category, move them to an account, or
 * delete them (asked twice). Each is one `transactions.bulkUpdate` / `delete` — one change set,
 * however many rows — and says what it did in a toast with Undo.
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiError, generalErrorMessage } from '../lib/api-errors.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { useTRPC } from '../lib/trpc.ts';
import { useLedger } from './ledger-context.tsx';
import './ledger.css';

const NONE = '__none';

export function BulkBar({ ids, onDone }: { ids: readonly string[]; onDone: () => void }) {
  const trpc = useTRPC();
  const format = useFormatters();
  const ledger = useLedger();
  const categories = useQuery(
    trpc.categories.list.queryOptions(undefined, { staleTime: 5 * 60_000 }),
  );
  const accounts = useQuery(trpc.accounts.list.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const bulkUpdate = useMutation(trpc.transactions.bulkUpdate.mutationOptions());
  const remove = useMutation(trpc.transactions.delete.mutationOptions());
  const [category, setCategory] = useState(NONE);
  const [account, setAccount] = useState(NONE);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const busy = bulkUpdate.isPending || remove.isPending;
  const count = format.countOf(ids.length, 'transaction');

  async function run(write: () => Promise<{ changeSetId: string; description: string }>) {
    try {
      const written = await write();
      onDone();
      await ledger.report(written);
    } catch (error) {
      const refused = apiError(error);
      ledger.say(generalErrorMessage(refused, refused.message || 'Couldn’t change them.'));
    }
  }

  const openCategories = (categories.data ?? []).filter((c) => !c.archived);
  return (
    <div className="bulk-bar" role="region" aria-label="Selected transactions" data-bulk-bar>
      <span className="bulk-count" aria-live="polite">
        {count} selected
      </span>
      <form
        className="bulk-group"
        onSubmit={(event) => {
          event.preventDefault();
          if (category === NONE) return;
          void run(() =>
            bulkUpdate.mutateAsync({
              ids: [...ids],
              set: { categoryId: category === '' ? null : category },
            }),
          );
        }}
      >
        <select
          aria-label="Category for the selected transactions"
          value={category}
          onChange={(event) => setCategory(event.target.value)}
        >
          <option value={NONE} disabled>
            Choose a category
          </option>
          <option value="">Uncategorized</option>
          {openCategories
            .slice()
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
        </select>
        <button type="submit" className="button small" disabled={busy || category === NONE}>
          Categorise
        </button>
      </form>
      <form
        className="bulk-group"
        onSubmit={(event) => {
          event.preventDefault();
          if (account === NONE) return;
          void run(() => bulkUpdate.mutateAsync({ ids: [...ids], set: { accountId: account } }));
        }}
      >
        <select
          aria-label="Account to move the selected transactions to"
          value={account}
          onChange={(event) => setAccount(event.target.value)}
        >
          <option value={NONE} disabled>
            Choose an account
          </option>
          {(accounts.data ?? [])
            .filter((a) => !a.archived)
            .map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
        </select>
        <button type="submit" className="button small" disabled={busy || account === NONE}>
          Move
        </button>
      </form>
      {confirmDelete ? (
        <span className="bulk-group">
          <button
            type="button"
            className="button danger small"
            disabled={busy}
            onClick={() => void run(() => remove.mutateAsync({ ids: [...ids] }))}
          >
            Delete {count}
          </button>
          <button
            type="button"
            className="button ghost small"
            onClick={() => setConfirmDelete(false)}
          >
            Keep them
          </button>
        </span>
      ) : (
        <button type="button" className="button ghost small" onClick={() => setConfirmDelete(true)}>
          Delete…
        </button>
      )}
      <button type="button" className="button ghost small" onClick={onDone}>
        Clear selection
      </button>
    </div>
  );
}
