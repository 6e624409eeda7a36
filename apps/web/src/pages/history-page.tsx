/**
 * History: every change set, newest first (`history.list`, paged by cursor), in words, with who
 * made it, when, the first rows it wrote and Undo. Undoing writes a change set of its own, so an
 * undo can itself be undone (a redo). A refused undo (the rows changed since) says which rows.
 */
import type { ChangeSetEntry } from '@outlay/contracts';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { LoadMore } from '../components/load-more.tsx';
import { QueryError } from '../components/query-error.tsx';
import { useLedger } from '../ledger/ledger-context.tsx';
import { useFormatters } from '../lib/formatters-context.tsx';
import { isUnauthorized, useTRPC, useTRPCClient } from '../lib/trpc.ts';
import '../ledger/ledger.css';
import './transactions-page.css';
import { Page } from '../components/page.tsx';

const PAGE_SIZE = 20;

export default function HistoryPage() {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const format = useFormatters();
  const ledger = useLedger();
  // Like the transactions list: React Query's infinite query over the tRPC client, under tRPC's
  // key, so invalidating `history` after a write reaches it.
  const list = useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: trpc.history.list.infiniteQueryKey({ limit: PAGE_SIZE }),
      queryFn: ({ pageParam, signal }) =>
        client.history.list.query({ limit: PAGE_SIZE, cursor: pageParam }, { signal }),
      initialPageParam: null as string | null,
      getNextPageParam: (page) => page.nextCursor,
    }),
  );
  const [undoing, setUndoing] = useState<string | null>(null);
  const entries = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const when = useMemo(
    () => new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeStyle: 'short' }),
    [format.locale],
  );

  useEffect(() => {
    document.title = 'History · Outlay';
  }, []);

  async function undo(entry: ChangeSetEntry) {
    setUndoing(entry.id);
    try {
      await ledger.undo(entry.id);
    } finally {
      setUndoing(null);
    }
  }

  const ready = list.isSuccess && !list.isFetching;
  return (
    <Page
      ready={ready}
      title="History"
      line="Every change to your money, newest first. Undo puts things back as they were; an undo can be undone too."
    >
      <section className="panel" aria-labelledby="history-title" aria-busy={list.isFetching}>
        <h2 id="history-title" className="visually-hidden">
          Changes
        </h2>
        {list.isPending && (
          <ul className="history-list" aria-hidden="true">
            {Array.from({ length: 4 }, (_, index) => (
              <li className="history-entry" key={index}>
                <span className="skeleton line" />
              </li>
            ))}
          </ul>
        )}
        {list.isError && !list.data && !isUnauthorized(list.error) && (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        )}
        {list.isSuccess && entries.length === 0 && (
          <div className="empty">
            <p>No changes yet. What you add, edit or delete will be listed here, with Undo.</p>
            <button type="button" className="button small" onClick={ledger.openQuickEntry}>
              Add a transaction
            </button>
          </div>
        )}
        {entries.length > 0 && (
          <ul className="history-list">
            {entries.map((entry) => (
              <li
                key={entry.id}
                className={entry.undone ? 'history-entry is-undone' : 'history-entry'}
                data-change-set={entry.id}
                data-undone={entry.undone ? 'true' : 'false'}
              >
                <p className="history-what">
                  {entry.description}
                  {entry.undone && <span className="badge">Undone</span>}
                </p>
                <p className="history-meta">
                  {when.format(new Date(entry.at))} · {actorLabel(entry.actor.kind)} ·{' '}
                  {format.countOf(entry.rowCount, 'row')}
                </p>
                <div className="history-actions">
                  {!entry.undone && (
                    <button
                      type="button"
                      className="button small"
                      disabled={undoing !== null}
                      onClick={() => void undo(entry)}
                      aria-label={`Undo: ${entry.description}`}
                    >
                      {undoing === entry.id ? 'Undoing…' : entry.undoesId ? 'Redo' : 'Undo'}
                    </button>
                  )}
                </div>
                {entry.rowCount > 1 && entry.rows.length > 0 && (
                  <details className="history-rows">
                    <summary>
                      {entry.rowCount > entry.rows.length
                        ? `First ${format.count(entry.rows.length)} of ${format.countOf(entry.rowCount, 'row')}`
                        : format.countOf(entry.rows.length, 'row')}
                    </summary>
                    <ul>
                      {entry.rows.map((row) => (
                        <li key={`${row.table}:${row.rowId}:${row.op}`}>
                          {OP_WORDS[row.op]} {row.label}
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </li>
            ))}
          </ul>
        )}
        <LoadMore list={list} label="Show older changes" />
      </section>
    </Page>
  );
}

const OP_WORDS = { insert: 'Added', update: 'Changed', delete: 'Removed' } as const;

function actorLabel(kind: ChangeSetEntry['actor']['kind']): string {
  return kind === 'user' ? 'You' : kind === 'token' ? 'An API token' : 'Outlay';
}
