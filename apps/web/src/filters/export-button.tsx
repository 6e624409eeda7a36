/**
 * "Export CSV" for the filter on screen: the server streams the rows of that filter in pieces
 * (`exports.transactionsCsv`), the button counts them as they arrive, and the pieces become one
 * file the browser downloads, named for today (`outlay-transactions-2026-12-06.csv`).
 */
import type { TransactionFilter } from '@outlay/contracts';
import { useState } from 'react';
import { apiError, generalErrorMessage } from '../lib/api-errors.ts';
import { download } from '../lib/download.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { useTRPCClient } from '../lib/trpc.ts';

type ExportState =
  { status: 'idle' } | { status: 'busy'; rows: number } | { status: 'failed'; message: string };

/** Spreadsheets (Excel above all) read a CSV as UTF-8 only when it starts with a byte-order mark. */
const BYTE_ORDER_MARK = '\uFEFF';

export function ExportButton({ filter, today }: { filter: TransactionFilter; today: string }) {
  const client = useTRPCClient();
  const format = useFormatters();
  const [state, setState] = useState<ExportState>({ status: 'idle' });

  async function run() {
    setState({ status: 'busy', rows: 0 });
    try {
      const stream = await client.exports.transactionsCsv.query({ filter });
      const pieces: string[] = [BYTE_ORDER_MARK];
      let rows = -1; // the header line is not a row
      for await (const piece of stream) {
        pieces.push(piece);
        rows += piece.split('\r\n').length - 1;
        setState({ status: 'busy', rows: Math.max(rows, 0) });
      }
      download(new Blob(pieces, { type: 'text/csv;charset=utf-8' }), fileName(today));
      setState({ status: 'idle' });
    } catch (error) {
      const failure = apiError(error);
      setState({
        status: 'failed',
        message:
          failure.code === 'CONFLICT'
            ? failure.message
            : generalErrorMessage(
                failure,
                'Outlay could not export these transactions. Try again.',
              ),
      });
    }
  }

  const busy = state.status === 'busy';
  return (
    <div className="export-csv">
      <button
        type="button"
        className="button ghost small"
        disabled={busy}
        aria-busy={busy}
        data-export-state={state.status}
        title="Download the transactions of this filter as a CSV file"
        onClick={() => void run()}
      >
        {busy ? (
          <>
            <span className="spinner" aria-hidden="true" /> Exporting…
          </>
        ) : (
          'Export CSV'
        )}
      </button>
      {busy && state.rows > 0 && (
        <p className="export-progress muted" role="status">
          {format.countOf(state.rows, 'row')} so far
        </p>
      )}
      {state.status === 'failed' && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
    </div>
  );
}

export function fileName(today: string): string {
  return `outlay-transactions-${today}.csv`;
}
