/**
 * Import: a bank file (CSV, OFX/QFX, QIF, CAMT.053) dropped or chosen, read and matched by the
 * server (`imports.preview`), every row shown with what matching found and why, each decision
 * changeable, then committed as one change set (`imports.commit`) — a toast and the list of
 * imports offer Undo, which puts merged rows back as they were. Nothing is written before the
 * commit: a preview is only a preview.
 */
import type {
  ImportAction,
  ImportBatch,
  ImportClassification,
  ImportCommitResult,
  ImportPreview,
  ImportRow,
} from '@outlay/contracts';
import {
  infiniteQueryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
} from '@tanstack/react-query';
import { useEffect, useMemo, useState, type DragEvent } from 'react';
import { Link } from 'wouter';
import { DataTable, type Column } from '../components/data-table.tsx';
import { FormError } from '../components/form-error.tsx';
import { LoadMore } from '../components/load-more.tsx';
import { QueryError } from '../components/query-error.tsx';
import { SelectField } from '../components/select-field.tsx';
import { useLedger } from '../ledger/ledger-context.tsx';
import { apiError, writeErrorMessage } from '../lib/api-errors.ts';
import type { Formatters } from '../lib/format.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { isUnauthorized, useTRPC, useTRPCClient } from '../lib/trpc.ts';
import './import-page.css';
import './transactions-page.css';
import { Page, Panel } from '../components/page.tsx';

const PAGE_SIZE = 100;
const SUGGEST = '';

const CLASSIFICATIONS: { value: ImportClassification | 'all'; label: string }[] = [
  { value: 'all', label: 'All rows' },
  { value: 'new', label: 'New' },
  { value: 'alreadyImported', label: 'Already imported' },
  { value: 'probable', label: 'Probable matches' },
  { value: 'possible', label: 'Possible matches' },
];

const FOUND: Record<ImportClassification, string> = {
  new: 'New',
  alreadyImported: 'Already imported',
  probable: 'Probable match',
  possible: 'Possible match',
};

const ACTION_LABELS: Record<ImportAction, string> = {
  insert: 'Add as new',
  merge: 'Merge with the match',
  skip: 'Skip',
};

/** A changed decision: what the preview proposed and what the person chose instead. */
type Decisions = ReadonlyMap<number, { from: ImportAction; to: ImportAction }>;

export default function ImportPage() {
  const trpc = useTRPC();
  const format = useFormatters();
  const ledger = useLedger();
  const accounts = useQuery(trpc.accounts.list.queryOptions(undefined, { staleTime: 5 * 60_000 }));
  const batches = useQuery(trpc.imports.list.queryOptions());
  const previewMutation = useMutation(trpc.imports.preview.mutationOptions());
  const commitMutation = useMutation(trpc.imports.commit.mutationOptions());
  const [accountId, setAccountId] = useState(SUGGEST);
  const [reading, setReading] = useState<string | null>(null);
  const [problem, setProblem] = useState('');
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [decisions, setDecisions] = useState<Decisions>(new Map());
  const [result, setResult] = useState<ImportCommitResult | null>(null);
  const [commitProblem, setCommitProblem] = useState('');

  useEffect(() => {
    document.title = 'Import · Outlay';
  }, []);

  async function read(file: File) {
    setProblem('');
    setResult(null);
    setPreview(null);
    setDecisions(new Map());
    setReading(file.name);
    const form = new FormData();
    form.append('file', file);
    if (accountId !== SUGGEST) form.append('accountId', accountId);
    try {
      setPreview(await previewMutation.mutateAsync(form));
    } catch (error) {
      setProblem(writeErrorMessage(apiError(error), `Couldn’t read ${file.name}. Try again.`));
    } finally {
      setReading(null);
    }
  }

  async function commit(batch: ImportPreview) {
    setCommitProblem('');
    try {
      const written = await commitMutation.mutateAsync({
        batchId: batch.batchId,
        decisions: [...decisions].map(([rowNo, { to }]) => ({ rowNo, action: to })),
      });
      setResult(written);
      setPreview(null);
      setDecisions(new Map());
      await ledger.report(written);
    } catch (error) {
      setCommitProblem(writeErrorMessage(apiError(error), 'Couldn’t import the rows. Try again.'));
    }
  }

  const accountOptions = [
    { value: SUGGEST, label: 'The one the file names' },
    ...(accounts.data ?? [])
      .filter((account) => !account.archived)
      .map((account) => ({ value: account.id, label: `${account.name} (${account.currency})` })),
  ];
  const ready = accounts.isSuccess && batches.isSuccess && reading === null;

  return (
    <Page
      className="import-page"
      ready={ready}
      title="Import"
      line="Bring your bank’s files: CSV, OFX or QFX, QIF and CAMT.053. Nothing is written until you import, and an import can be undone."
    >
      <Panel id="import-file" title="A file from your bank">
        <div className="import-choose">
          <SelectField
            id="import-account"
            label="Into the account"
            value={accountId}
            onChange={setAccountId}
            options={accountOptions}
          />
          <DropZone onFile={(file) => void read(file)} busy={reading !== null} />
        </div>
        {reading && (
          <p className="import-progress" role="status">
            Reading {reading} and matching it against your transactions…
          </p>
        )}
        {problem && <FormError>{problem}</FormError>}
      </Panel>

      {result && <Imported result={result} format={format} />}
      {preview && (
        <PreviewPanel
          preview={preview}
          decisions={decisions}
          onDecide={(row, to) =>
            setDecisions((current) => {
              const next = new Map(current);
              const from = current.get(row.rowNo)?.from ?? row.action;
              if (to === from) next.delete(row.rowNo);
              else next.set(row.rowNo, { from, to });
              return next;
            })
          }
          onCommit={() => void commit(preview)}
          committing={commitMutation.isPending}
          commitProblem={commitProblem}
          format={format}
        />
      )}

      <Panel id="imports" title="Your imports">
        {batches.isError && !isUnauthorized(batches.error) && (
          <QueryError error={batches.error} onRetry={() => void batches.refetch()} />
        )}
        {batches.isSuccess && batches.data.filter((b) => b.status !== 'preview').length === 0 && (
          <p className="muted">No imports yet. The files you import are listed here, with Undo.</p>
        )}
        <ul className="import-list">
          {(batches.data ?? [])
            .filter((batch) => batch.status !== 'preview')
            .map((batch) => (
              <BatchItem
                key={batch.id}
                batch={batch}
                accountName={accounts.data?.find((a) => a.id === batch.accountId)?.name}
                format={format}
                onUndo={(changeSetId) => void ledger.undo(changeSetId)}
              />
            ))}
        </ul>
      </Panel>
    </Page>
  );
}

function DropZone({ onFile, busy }: { onFile: (file: File) => void; busy: boolean }) {
  const [over, setOver] = useState(false);
  const drop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };
  return (
    <div
      className={`drop-zone${over ? ' over' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <label htmlFor="import-file">Drop a file here, or choose one</label>
      <input
        id="import-file"
        type="file"
        accept=".csv,.txt,.ofx,.qfx,.qif,.xml,.053"
        disabled={busy}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
          event.target.value = '';
        }}
      />
    </div>
  );
}

function PreviewPanel({
  preview,
  decisions,
  onDecide,
  onCommit,
  committing,
  commitProblem,
  format,
}: {
  preview: ImportPreview;
  decisions: Decisions;
  onDecide: (row: ImportRow, action: ImportAction) => void;
  onCommit: () => void;
  committing: boolean;
  commitProblem: string;
  format: Formatters;
}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const [shown, setShown] = useState<ImportClassification | 'all'>('all');
  const classification = shown === 'all' ? undefined : shown;
  const rows = useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: trpc.imports.rows.infiniteQueryKey({ batchId: preview.batchId, classification }),
      queryFn: ({ pageParam, signal }) =>
        client.imports.rows.query(
          { batchId: preview.batchId, classification, cursor: pageParam, limit: PAGE_SIZE },
          { signal },
        ),
      initialPageParam: null as number | null,
      getNextPageParam: (page) => page.nextCursor,
    }),
  );
  const items = useMemo(() => rows.data?.pages.flatMap((page) => page.items) ?? [], [rows.data]);
  const actions = { ...preview.actions };
  for (const { from, to } of decisions.values()) {
    actions[from] -= 1;
    actions[to] += 1;
  }
  const { counts, balance } = preview;

  const columns: Column<ImportRow>[] = [
    {
      key: 'date',
      header: 'Date',
      className: 'col-date',
      cell: (row) => format.date(row.occurredOn),
    },
    {
      key: 'payee',
      header: 'Payee',
      rowHeader: true,
      cell: (row) => (
        <>
          <span className="payee">{row.payee ?? row.description ?? '—'}</span>
          {row.payee && row.description && <span className="description">{row.description}</span>}
        </>
      ),
    },
    {
      key: 'amount',
      header: 'Amount',
      numeric: true,
      cellClassName: (row) => (row.amountMinor > 0 ? 'amount in' : 'amount'),
      cell: (row) =>
        row.amountMinor > 0 ? `+${format.money(row.amountMinor)}` : format.money(row.amountMinor),
    },
    {
      key: 'found',
      header: 'What Outlay found',
      cell: (row) => (
        <>
          <span className={`found found-${row.classification}`}>{FOUND[row.classification]}</span>
          <span className="description">{row.reason}</span>
        </>
      ),
    },
    {
      key: 'action',
      header: 'Do',
      cell: (row) => {
        const choices: ImportAction[] = row.match
          ? ['insert', 'merge', 'skip']
          : ['insert', 'skip'];
        return (
          <div className="controls compact">
            <select
              aria-label={`What to do with ${row.payee ?? 'the row'} on ${format.date(row.occurredOn)}`}
              value={decisions.get(row.rowNo)?.to ?? row.action}
              onChange={(event) => onDecide(row, event.target.value as ImportAction)}
            >
              {choices.map((choice) => (
                <option key={choice} value={choice}>
                  {ACTION_LABELS[choice]}
                </option>
              ))}
            </select>
          </div>
        );
      },
    },
  ];

  return (
    <section className="panel table-panel" aria-labelledby="preview-title" data-preview>
      <header className="panel-header">
        <h2 id="preview-title">{preview.fileName}</h2>
        <p className="muted small">
          {preview.format.toUpperCase()}
          {preview.formatVersion ? ` ${preview.formatVersion}` : ''} · into {preview.account.name}
          {preview.accountSuggested ? ' (the account the file names)' : ''}
        </p>
      </header>
      <p className="import-counts" data-counts>
        {format.countOf(counts.total, 'row')}: {format.count(counts.new)} new,{' '}
        {format.count(counts.alreadyImported)} already imported, {format.count(counts.probable)}{' '}
        probable {counts.probable === 1 ? 'match' : 'matches'}, {format.count(counts.possible)}{' '}
        possible {counts.possible === 1 ? 'match' : 'matches'}.
      </p>
      {balance && (
        <p className="muted small" data-balance>
          {balance.differenceMinor === 0
            ? `After this import, Outlay’s balance on ${format.date(balance.on)} agrees with the bank’s: ${format.money(balance.statementMinor)}.`
            : `The bank says ${format.money(balance.statementMinor)} on ${format.date(balance.on)}; after this import Outlay would say ${format.money(balance.afterImportMinor)}, ${format.money(Math.abs(balance.differenceMinor))} ${balance.differenceMinor > 0 ? 'more' : 'less'}.`}
        </p>
      )}
      {(preview.errorCount > 0 || preview.warningCount > 0) && (
        <details className="import-issues">
          <summary>
            {format.countOf(preview.errorCount, 'entry', 'entries')} left out,{' '}
            {format.countOf(preview.warningCount, 'warning')}
          </summary>
          <ul>
            {[...preview.errors, ...preview.warnings].map((issue, index) => (
              <li key={index}>
                {issue.line ? `Line ${format.count(issue.line)}: ` : ''}
                {issue.message}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="import-shown">
        <SelectField
          id="import-shown"
          label="Show"
          value={shown}
          onChange={(value) => setShown(value as ImportClassification | 'all')}
          options={CLASSIFICATIONS}
        />
      </div>
      {rows.isError && !rows.data ? (
        <QueryError error={rows.error} onRetry={() => void rows.refetch()} />
      ) : (
        <div className="table-wrap">
          <DataTable
            caption={`The rows of ${preview.fileName}`}
            className="transactions import-rows"
            columns={columns}
            rows={items}
            rowKey={(row) => String(row.rowNo)}
            loadingRows={rows.isPending ? 5 : 0}
          />
        </div>
      )}
      {rows.isSuccess && items.length === 0 && <p className="muted">No rows of this kind.</p>}
      <LoadMore list={rows} label={`Load ${PAGE_SIZE} more`} />
      <div className="import-commit">
        <button type="button" className="button primary" onClick={onCommit} disabled={committing}>
          {committing
            ? 'Importing…'
            : `Import: add ${format.count(actions.insert)}, merge ${format.count(actions.merge)}, skip ${format.count(actions.skip)}`}
        </button>
        {commitProblem && <FormError>{commitProblem}</FormError>}
      </div>
    </section>
  );
}

function Imported({ result, format }: { result: ImportCommitResult; format: Formatters }) {
  return (
    <section className="panel import-result" aria-live="polite" data-imported>
      <p>
        <strong>{result.description}.</strong> {format.count(result.inserted)} new,{' '}
        {format.count(result.merged)} merged, {format.count(result.skipped)} skipped.{' '}
        {result.billsPaid > 0 && (
          <>
            {result.billsPaid === 1
              ? 'It paid 1 bill'
              : `It paid ${format.count(result.billsPaid)} bills`}{' '}
            (<Link href="/upcoming">see them in Plan</Link>).{' '}
          </>
        )}
        <Link href="/transactions?range=all-time">See them in Transactions</Link>
      </p>
    </section>
  );
}

function BatchItem({
  batch,
  accountName,
  format,
  onUndo,
}: {
  batch: ImportBatch;
  accountName: string | undefined;
  format: Formatters;
  onUndo: (changeSetId: string) => void;
}) {
  const when = batch.committedAt ?? batch.createdAt;
  return (
    <li className="import-batch" data-batch={batch.status}>
      <div>
        <span className="payee">{batch.fileName}</span>
        <span className="description">
          {accountName ?? 'An account'} · {format.date(when.slice(0, 10))} ·{' '}
          {batch.status === 'undone'
            ? 'undone'
            : `${format.count(batch.inserted)} new, ${format.count(batch.merged)} merged, ${format.count(batch.skipped)} skipped`}
        </span>
      </div>
      {batch.status === 'committed' && batch.changeSetId && (
        <button
          type="button"
          className="button small"
          onClick={() => onUndo(batch.changeSetId!)}
          aria-label={`Undo the import of ${batch.fileName}`}
        >
          Undo
        </button>
      )}
    </li>
  );
}
