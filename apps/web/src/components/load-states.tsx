/**
 * What a list shows before it has rows: placeholder rows while it loads, a failed load said
 * plainly with a way to try again, and an empty list that says what to do. Settings sections and
 * the categories, accounts and Upcoming pages use them.
 */
import type { ReactNode } from 'react';
import { DataTable, type DataTableProps } from './data-table.tsx';
import './load-states.css';

/** A failed load of a list, with a way to try again. */
export function LoadError({ what, onRetry }: { what: string; onRetry: () => void }) {
  return (
    <div className="callout danger error-box" role="alert">
      <p>Outlay could not load {what}.</p>
      <button type="button" className="button small" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

/** Placeholder rows while a list loads. */
export function LoadingRows({ label, rows = 2 }: { label: string; rows?: number }) {
  return (
    <div className="item-list-loading" aria-busy="true">
      <span className="visually-hidden">{label}</span>
      {Array.from({ length: rows }, (_, index) => (
        <span key={index} className="skeleton item-skeleton" aria-hidden="true" />
      ))}
    </div>
  );
}

interface ListQuery {
  isPending: boolean;
  isError: boolean;
  isSuccess: boolean;
  refetch: () => Promise<unknown>;
}

/**
 * A list loaded by one query: `loading` while it loads (where the list draws no placeholder of
 * its own), its failure with a way to try again, `empty` (what to do) when it has nothing, else
 * the list itself.
 */
export function ListStates({
  query,
  what,
  isEmpty,
  empty,
  loading,
  children,
}: {
  query: ListQuery;
  /** What failed to load: "your accounts". */
  what: string;
  isEmpty: boolean;
  empty: ReactNode;
  loading?: ReactNode;
  children: ReactNode;
}) {
  if (loading !== undefined && query.isPending) return loading;
  if (query.isError) return <LoadError what={what} onRetry={() => void query.refetch()} />;
  if (query.isSuccess && isEmpty) {
    return (
      <p className="manage-empty" data-empty>
        {empty}
      </p>
    );
  }
  return children;
}

/** A list of rows loaded by one query, as a table: placeholder rows while it loads. */
export function QueryTable<Row>({
  query,
  rows,
  what,
  empty,
  ...table
}: Omit<DataTableProps<Row>, 'rows' | 'loadingRows'> & {
  query: ListQuery;
  rows: readonly Row[] | undefined;
  what: string;
  empty: ReactNode;
}) {
  return (
    <ListStates query={query} what={what} isEmpty={rows?.length === 0} empty={empty}>
      <div className="table-scroll">
        <DataTable rows={rows ?? []} loadingRows={query.isPending ? 3 : 0} {...table} />
      </div>
    </ListStates>
  );
}
