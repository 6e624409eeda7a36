/**
 * "Your data": a full backup of everything in the account as one file
 * (`outlay-backup-YYYY-MM-DD.json`, `backup.export`), and restoring one (`backup.restore`), which
 * is offered only while the account has no data yet: no transactions, budgets or bills.
 */
import { todayUtc } from '@outlay/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent } from 'react';
import { apiError, generalErrorMessage } from '../lib/api-errors.ts';
import { download } from '../lib/download.ts';
import { useTRPC, useTRPCClient } from '../lib/trpc.ts';
import { SettingsSection, SuccessMessage } from './settings-section.tsx';

type Work =
  { status: 'idle' } | { status: 'busy'; what: string } | { status: 'failed'; message: string };

export function YourDataSection() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const transactions = useQuery(trpc.transactions.list.queryOptions({ limit: 1 }));
  const budgets = useQuery(trpc.budgets.list.queryOptions());
  const bills = useQuery(trpc.recurring.list.queryOptions());
  const [work, setWork] = useState<Work>({ status: 'idle' });
  const [done, setDone] = useState<string | null>(null);

  const empty =
    transactions.data !== undefined &&
    budgets.data !== undefined &&
    bills.data !== undefined &&
    transactions.data.items.length === 0 &&
    budgets.data.length === 0 &&
    bills.data.length === 0;

  async function save() {
    setDone(null);
    setWork({ status: 'busy', what: 'Preparing your backup…' });
    try {
      const backup = await client.backup.export.query();
      download(
        new Blob([JSON.stringify(backup, null, 2)], { type: 'application/json' }),
        `outlay-backup-${todayUtc()}.json`,
      );
      setWork({ status: 'idle' });
      setDone(`Backup saved: ${backup.transactions.length.toLocaleString()} transactions.`);
    } catch (error) {
      const failure = apiError(error);
      setWork({
        status: 'failed',
        message: generalErrorMessage(failure, 'Outlay could not make a backup. Try again.'),
      });
    }
  }

  async function restore(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setDone(null);
    setWork({ status: 'busy', what: `Restoring ${file.name}…` });
    try {
      const form = new FormData();
      form.append('file', file);
      const restored = await client.backup.restore.mutate(form);
      setWork({ status: 'idle' });
      setDone(`${restored.description}. You can undo it from History.`);
      await queryClient.invalidateQueries();
    } catch (error) {
      const failure = apiError(error);
      setWork({
        status: 'failed',
        message:
          failure.code === 'BAD_REQUEST' || failure.code === 'CONFLICT'
            ? failure.message
            : generalErrorMessage(failure, 'Outlay could not restore this backup. Try again.'),
      });
    }
  }

  const busy = work.status === 'busy';
  return (
    <SettingsSection
      id="your-data"
      title="Your data"
      description="Download everything in your account — accounts, categories, transactions, budgets and bills — as one file, to keep or to move to another Outlay."
    >
      <div className="settings-form">
        <p>
          <button
            type="button"
            className="button"
            disabled={busy}
            aria-busy={busy}
            onClick={() => void save()}
          >
            Download a backup
          </button>
        </p>
        {empty ? (
          <>
            <p className="muted">
              Your account has no data yet, so a backup can fill it. History can undo the restore.
            </p>
            <p>
              {/* The input stays in the tab order (only drawn as the button around it), so the
                  keyboard reaches it: Tab to it, Space or Enter opens the file chooser. */}
              <label className="button file-button" aria-disabled={busy}>
                Restore from a backup
                <input
                  type="file"
                  accept="application/json,.json"
                  className="visually-hidden"
                  disabled={busy}
                  onChange={(event) => void restore(event)}
                />
              </label>
            </p>
          </>
        ) : (
          transactions.data && (
            <p className="muted">
              Restoring a backup is possible in an account with no data yet: register a new account
              to restore into.
            </p>
          )
        )}
        {busy && (
          <p className="muted" role="status">
            <span className="spinner" aria-hidden="true" /> {work.what}
          </p>
        )}
        {work.status === 'failed' && (
          <p className="form-error" role="alert">
            {work.message}
          </p>
        )}
      </div>
      <SuccessMessage>{done}</SuccessMessage>
    </SettingsSection>
  );
}
