/**
 * What to do with the selected transactions: give them a category, move them to an account, or
 * delete them (asked twice). Each is one `transactions.bulkUpdate` / `delete` — one change set,
 * however many rows — and says what it did in a toast with Undo.
 */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { apiError, generalErrorMessage } from '../lib/api-errors.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { useTRPC } from '../lib/trpc.ts';
import { useLedger } from './ledger-context.tsx';
import { AccountSelect, CategorySelect, usePickerLists } from './pickers.tsx';
import './ledger.css';

export function BulkBar({ ids, onDone }: { ids: readonly string[]; onDone: () => void }) {
  const trpc = useTRPC();
  const format = useFormatters();
  const ledger = useLedger();
  const { categories, accounts } = usePickerLists();
  const bulkUpdate = useMutation(trpc.transactions.bulkUpdate.mutationOptions());
  const remove = useMutation(trpc.transactions.delete.mutationOptions());
  // undefined / '' while nothing is chosen; a null category is Uncategorized.
  const [category, setCategory] = useState<string | null | undefined>(undefined);
  const [account, setAccount] = useState('');
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

  return (
    <div
      className="bulk-bar controls"
      role="region"
      aria-label="Selected transactions"
      data-bulk-bar
    >
      <span className="bulk-count" aria-live="polite">
        {count} selected
      </span>
      <form
        className="bulk-group"
        onSubmit={(event) => {
          event.preventDefault();
          if (category === undefined) return;
          void run(() => bulkUpdate.mutateAsync({ ids: [...ids], set: { categoryId: category } }));
        }}
      >
        <CategorySelect
          aria-label="Category for the selected transactions"
          categories={categories}
          value={category}
          onChange={setCategory}
          placeholder="Choose a category"
        />
        <button type="submit" className="button small" disabled={busy || category === undefined}>
          Categorise
        </button>
      </form>
      <form
        className="bulk-group"
        onSubmit={(event) => {
          event.preventDefault();
          if (account === '') return;
          void run(() => bulkUpdate.mutateAsync({ ids: [...ids], set: { accountId: account } }));
        }}
      >
        <AccountSelect
          aria-label="Account to move the selected transactions to"
          accounts={accounts}
          value={account}
          onChange={setAccount}
        />
        <button type="submit" className="button small" disabled={busy || account === ''}>
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
