/**
 * Phase 4b, taking data out and bringing it in (DESIGN §10), against a server child as deployed,
 * its memory sampled from /proc: the CSV export of the whole history, downloaded as the web app's
 * Export button downloads it (the streamed procedure through `@outlay/client`, every piece read);
 * then a 100,000-row bank CSV previewed (parsed and matched against the account's rows),
 * committed and undone, a few times over.
 */
import { isDeepStrictEqual } from 'node:util';
import { createOutlayClient } from '@outlay/client';
import { sql } from 'kysely';
import { sampleMemory } from '../server-process.ts';
import { EXPORT_ROW, IMPORT_COMMIT_ROW, IMPORT_PREVIEW_ROW, IMPORT_UNDO_ROW } from '../targets.ts';
import type { BenchData } from './data.ts';
import type { ServerChild } from './http-latency.ts';
import { log, roundsRow, type BenchRun } from './run.ts';

/** The file the import targets are stated for. */
export const IMPORT_ROWS = 100_000;
/** Rows of the file that repeat one of the account's rows (same day, amount and payee). */
const REPEATED_SHARE = 0.1;
/** Exports, and preview → commit → undo cycles: seconds each, so a few. */
const ROUNDS = 3;

export interface ImportFile {
  csv: string;
  accountId: string;
  rows: number;
}

export interface ImportFigures {
  file_rows: number;
  file_mb: number;
  /** What the preview found in the file (the same in every round: each was undone). */
  counts: { new: number; alreadyImported: number; probable: number; possible: number };
  /** Highest VmRSS of the server child while it previewed and committed, MB. */
  server_rss_peak_mb: number;
  /** Lines of the export (the header not counted) and its size. */
  export_lines: number;
  export_mb: number;
  /** Highest VmRSS of the server child while it streamed the export, MB. */
  export_server_rss_peak_mb: number;
}

/**
 * A bank's CSV for the user's checking account, made from the database while the bench still
 * holds it: a tenth of the rows repeat rows the account has (so matching has work to find),
 * the rest are new payments on days spread over the whole history, named after its payees.
 */
export async function buildImportFile(data: BenchData): Promise<ImportFile> {
  const { db } = data.bench.outlay;
  const account = await db
    .selectFrom('accounts')
    .select('id')
    .where('user_id', '=', data.userId)
    .where('kind', '=', 'checking')
    .executeTakeFirstOrThrow();
  const repeated = Math.round(IMPORT_ROWS * REPEATED_SHARE);
  const { rows: existing } = await sql<{
    occurred_on: string;
    amount_minor: number;
    payee: string;
  }>`
    select occurred_on::text as occurred_on, amount_minor, payee from transactions
    where user_id = ${data.userId} and account_id = ${account.id} and payee is not null
      and transfer_id is null
    order by md5(id::text) limit ${repeated}`.execute(db);
  const { rows: span } = await sql<{ first: number; days: number; payees: string[] }>`
    select min(occurred_on) - date '1970-01-01' as first,
      max(occurred_on) - min(occurred_on) + 1 as days,
      (array_agg(distinct payee) filter (where payee is not null))[1:50] as payees
    from transactions where user_id = ${data.userId}`.execute(db);
  const { first, days, payees } = span[0]!;
  const amount = (minor: number) => (minor / 100).toFixed(2);
  const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;
  const lines = ['Date,Payee,Amount'];
  for (const row of existing) {
    lines.push(`${row.occurred_on},${quoted(row.payee)},${amount(Number(row.amount_minor))}`);
  }
  for (let i = lines.length - 1; i < IMPORT_ROWS; i += 1) {
    const day = new Date((Number(first) + ((i * 7_919) % Number(days))) * 86_400_000);
    const payee = payees[i % payees.length] ?? 'Card payment';
    lines.push(
      `${day.toISOString().slice(0, 10)},${quoted(payee)},${amount(-(100 + ((i * 104_729) % 25_000)))}`,
    );
  }
  return { csv: `${lines.join('\n')}\n`, accountId: account.id, rows: IMPORT_ROWS };
}

export async function importsPhase(
  run: BenchRun,
  server: ServerChild,
  file: ImportFile,
): Promise<ImportFigures> {
  const client = createOutlayClient({
    url: server.child.url,
    token: server.accessToken,
    batch: false,
  });
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

  log(`export: the whole history as CSV, ${ROUNDS} downloads`);
  const exports: number[] = [];
  let exportLines = 0;
  let exportBytes = 0;
  const exportMemory = sampleMemory(server.child);
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    const stream = await client.exports.transactionsCsv.query({ filter: {} });
    let lines = -1; // the header line is not a row
    let bytes = 0;
    for await (const piece of stream) {
      lines += piece.split('\r\n').length - 1;
      bytes += Buffer.byteLength(piece);
    }
    exports.push(performance.now() - started);
    if (round > 0 && lines !== exportLines) {
      throw new Error(`the export had ${exportLines} lines, then ${lines}`);
    }
    exportLines = lines;
    exportBytes = bytes;
  }
  const exportPeak = exportMemory.stop().peakMb;
  log(`  ${exportLines.toLocaleString('en-US')} lines, ${mb(exportBytes)} MB`);
  run.measured.push(roundsRow(EXPORT_ROW, exports));

  log(
    `import: a ${file.rows.toLocaleString('en-US')}-row CSV (${mb(file.csv.length)} MB), previewed, committed and undone ${ROUNDS} times`,
  );
  const times = { preview: [] as number[], commit: [] as number[], undo: [] as number[] };
  let counts: ImportFigures['counts'] | undefined;
  let peak = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const form = new FormData();
    form.append('file', new Blob([file.csv], { type: 'text/csv' }), 'bench-statement.csv');
    form.append('accountId', file.accountId);
    const memory = sampleMemory(server.child);
    let started = performance.now();
    const preview = await client.imports.preview.mutate(form);
    times.preview.push(performance.now() - started);
    started = performance.now();
    const committed = await client.imports.commit.mutate({ batchId: preview.batchId });
    times.commit.push(performance.now() - started);
    peak = Math.max(peak, memory.stop().peakMb);
    started = performance.now();
    await client.imports.undo.mutate({ batchId: preview.batchId });
    times.undo.push(performance.now() - started);

    const { total, ...found } = preview.counts;
    if (
      total !== file.rows ||
      committed.inserted + committed.merged + committed.skipped !== total
    ) {
      throw new Error(
        `the import of ${file.rows} rows previewed ${total} and committed ${committed.inserted} + ${committed.merged} + ${committed.skipped}`,
      );
    }
    // Each round was undone, so the next finds the account as the first did.
    if (counts && !isDeepStrictEqual(found, counts)) {
      throw new Error(
        `after undo the preview found ${JSON.stringify(found)}, first ${JSON.stringify(counts)}`,
      );
    }
    counts = found;
  }
  log(
    `  preview found ${JSON.stringify(counts)}; server RSS peak ${peak} MB while previewing and committing`,
  );
  run.measured.push(
    roundsRow(IMPORT_PREVIEW_ROW, times.preview),
    roundsRow(IMPORT_COMMIT_ROW, times.commit),
    roundsRow(IMPORT_UNDO_ROW, times.undo),
  );
  return {
    file_rows: file.rows,
    file_mb: mb(file.csv.length),
    counts: counts!,
    server_rss_peak_mb: peak,
    export_lines: exportLines,
    export_mb: mb(exportBytes),
    export_server_rss_peak_mb: exportPeak,
  };
}
