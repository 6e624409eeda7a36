/**
 * Phase 2b, writes — recording money at scale (DESIGN §9): the write path through HTTP, bulk edits of 10,000 rows
 * and their undo, the dashboard after 1,000 random edits (its totals still exact), and what the
 * change log costs a bulk load. Runs after the read latency rows, whose dashboard p95s are the
 * "before" of the edits.
 */
import { createOutlayClient, type OutlayClient, type TransactionFilter } from '@outlay/client';
import { todayUtc } from '@outlay/contracts';
import { openChangeSet, totalsDrift, type Database } from '@outlay/db';
import { isDeepStrictEqual } from 'node:util';
import { type Kysely, sql } from 'kysely';
import type { ResultRow } from '../report.ts';
import { BULK_UPDATE_ROW, CREATE_ROW, SUMMARY_ALL_TIME, UNDO_ROW } from '../targets.ts';
import type { BenchData } from './data.ts';
import { benchFilters, latencyTimer, type InProcessServers } from './in-process-latency.ts';
import { log as benchLog, roundsRow, type BenchRun, type Measured } from './run.ts';

export const AFTER_EDITS_SUFFIX = ' after 1,000 edits';

const BULK_ROWS = 10_000;
const BULK_ROUNDS = 5;
const EDITS = 1_000;
const LOAD_ROWS = 50_000;
const LOAD_CHUNK = 5_000;

export interface WriteFigures {
  /**
   * Σ p95 of the dashboard procedures after the edits ÷ the same before (one client, same
   * procedures and filters): the dashboard as a whole, steadier than any one row's p95 on a
   * shared machine.
   */
  dashboard_after_edits_ratio: number;
  /** The largest ratio of one procedure's p95 after ÷ before. */
  dashboard_after_edits_worst_row_ratio: number;
  /** Rows/s of the same bulk load with the change log's insert trigger on ÷ off. */
  change_log_throughput_ratio: number;
  load_rows_per_s: { with_change_log: number; without_change_log: number };
}

interface WritesInput {
  db: Kysely<Database>;
  client: OutlayClient;
  userId: string;
  /** Times one case as the read rows are timed, and records its row. */
  time: (name: string, call: () => Promise<unknown>) => Promise<void>;
  /** The rows recorded so far: the dashboard rows among them are the "before" of the edits. */
  rows: () => readonly ResultRow[];
  /** The read rows' filters (label, filter), to time the same dashboard procedures again. */
  filters: readonly [label: string, filter: TransactionFilter][];
  pageSize: number;
  log: (message: string) => void;
}

interface WritesResult {
  figures: WriteFigures;
  /** Rows timed here rather than through `time` (a few long calls each), with their sample counts. */
  rows: Measured[];
}

/** Runs after the in-process latency rows, against the same servers and data. */
export async function writesPhase(
  run: BenchRun,
  data: BenchData,
  servers: InProcessServers,
): Promise<WriteFigures> {
  const result = await measureWrites({
    db: data.bench.outlay.db,
    client: createOutlayClient({ url: servers.baseUrl, token: servers.accessToken, batch: false }),
    userId: data.userId,
    time: latencyTimer(run),
    rows: () => run.measured.map((m) => m.row),
    filters: benchFilters(todayUtc()),
    pageSize: run.config.pageSize,
    log: benchLog,
  });
  run.measured.push(...result.rows);
  return result.figures;
}

async function measureWrites(input: WritesInput): Promise<WritesResult> {
  const { db, client, userId, time, log } = input;
  const accounts = await client.accounts.list.query();
  const categories = (await client.categories.list.query()).filter((c) => c.kind === 'expense');
  const random = mulberry32(20_261_205);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const day = () =>
    new Date(Date.UTC(2022, 0, 1) + Math.floor(random() * 1_400) * 86_400_000)
      .toISOString()
      .slice(0, 10);

  log('writes: one client, sequential, through HTTP');
  await time(CREATE_ROW, () =>
    client.transactions.create.mutate({
      accountId: pick(accounts).id,
      occurredOn: day(),
      amountMinor: -(100 + Math.floor(random() * 10_000)),
      payee: 'Bench purchase',
      categoryId: pick(categories).id,
    }),
  );

  // Bulk edits of 10,000 of the user's rows, each undone: one change set each way.
  const { rows: sample } = await sql<{ id: string }>`
    select id from transactions where user_id = ${userId} and transfer_id is null
    order by md5(id::text) limit ${BULK_ROWS + EDITS}`.execute(db);
  const bulkIds = sample.slice(0, BULK_ROWS).map((row) => row.id);
  const bulk: number[] = [];
  const undo: number[] = [];
  for (let round = 0; round < BULK_ROUNDS; round += 1) {
    const started = performance.now();
    const { changeSetId } = await client.transactions.bulkUpdate.mutate({
      ids: bulkIds,
      set: { categoryId: categories[round % categories.length]!.id },
    });
    bulk.push(performance.now() - started);
    const undoStarted = performance.now();
    await client.history.undo.mutate({ changeSetId });
    undo.push(performance.now() - undoStarted);
  }
  const bulkRows = [roundsRow(BULK_UPDATE_ROW, bulk), roundsRow(UNDO_ROW, undo)];

  // 1,000 random edits through the API, then the dashboard again: same procedures, same filters.
  const dashboard = dashboardCases(client, input.filters, input.pageSize);
  const before = p95sOf(
    input.rows(),
    dashboard.map(([name]) => name),
  );
  const editIds = sample.slice(BULK_ROWS).map((row) => row.id);
  const editsStarted = performance.now();
  for (let i = 0; i < EDITS; i += 1) {
    const id = editIds[i % editIds.length]!;
    const choice = random();
    if (choice < 0.4) {
      await client.transactions.update.mutate({ id, patch: { categoryId: pick(categories).id } });
    } else if (choice < 0.7) {
      await client.transactions.update.mutate({
        id,
        patch: { amountMinor: -(100 + Math.floor(random() * 20_000)), occurredOn: day() },
      });
    } else if (choice < 0.85) {
      await client.transactions.create.mutate({
        accountId: pick(accounts).id,
        occurredOn: day(),
        amountMinor: -(100 + Math.floor(random() * 5_000)),
        categoryId: pick(categories).id,
      });
    } else {
      await client.transactions.delete.mutate({ ids: [id] });
      editIds[i % editIds.length] = editIds[(i + 1) % editIds.length]!;
    }
  }
  log(`  ${EDITS} random edits in ${((performance.now() - editsStarted) / 1000).toFixed(1)} s`);
  // Still exact: the totals equal a recount, and the totals path equals the rows path.
  const drift = await totalsDrift(db, userId);
  if (drift.length > 0)
    throw new Error(`period totals drifted after the edits: ${JSON.stringify(drift.slice(0, 3))}`);
  const [fromTotals, fromRows] = [
    await client.metrics.summary.query({ filter: {} }),
    await client.metrics.summary.query({ filter: { minAmount: 0 } }),
  ];
  if (!isDeepStrictEqual(fromTotals, fromRows))
    throw new Error('the totals and the rows disagree after the edits');
  for (const [name, call] of dashboard) await time(`${name}${AFTER_EDITS_SUFFIX}`, call);
  const after = p95sOf(
    input.rows(),
    dashboard.map(([name]) => `${name}${AFTER_EDITS_SUFFIX}`),
  );
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;

  // The same bulk load with the change log's insert trigger on and off, alternating, best of two.
  const rates = { with: 0, without: 0 };
  for (const withLog of [true, false, true, false]) {
    const rate = await loadRate(db, userId, accounts[0]!.id, withLog);
    const key = withLog ? 'with' : 'without';
    rates[key] = Math.max(rates[key], rate);
  }
  log(
    `  bulk load of ${LOAD_ROWS.toLocaleString('en-US')} rows: ${Math.round(rates.with).toLocaleString('en-US')} rows/s with the change log, ` +
      `${Math.round(rates.without).toLocaleString('en-US')} without`,
  );

  return {
    figures: {
      dashboard_after_edits_ratio: ratio(sum(after), sum(before)),
      dashboard_after_edits_worst_row_ratio: Math.max(
        ...after.map((value, index) => ratio(value, before[index]!)),
      ),
      change_log_throughput_ratio: Math.round((rates.with / rates.without) * 1000) / 1000,
      load_rows_per_s: {
        with_change_log: Math.round(rates.with),
        without_change_log: Math.round(rates.without),
      },
    },
    rows: bulkRows,
  };
}

/** The dashboard's procedures per filter, named as the read rows of main.ts name them. */
function dashboardCases(
  client: OutlayClient,
  filters: readonly [label: string, filter: TransactionFilter][],
  pageSize: number,
): [name: string, call: () => Promise<unknown>][] {
  return filters.flatMap(([label, filter]): [string, () => Promise<unknown>][] => [
    [
      label === 'all-time' ? SUMMARY_ALL_TIME : `metrics.summary ${label}`,
      () => client.metrics.summary.query({ filter }),
    ],
    [
      `metrics.overTime ${label}`,
      () => client.metrics.overTime.query({ filter, granularity: 'auto' }),
    ],
    [`metrics.byCategory ${label}`, () => client.metrics.byCategory.query({ filter })],
    [
      `transactions.list page-1 ${label}`,
      () => client.transactions.list.query({ filter, limit: pageSize }),
    ],
  ]);
}

/** The p95 of each named row, in the order of `names`. */
function p95sOf(rows: readonly ResultRow[], names: readonly string[]): number[] {
  return names.map((name) => {
    const row = rows.find((r) => r.name === name);
    if (!row) throw new Error(`no result row "${name}" to compare with`);
    return row.p95_ms;
  });
}

/**
 * Inserts LOAD_ROWS rows for the user in chunks through every trigger, as an import would, in a
 * transaction that is rolled back; returns rows per second. Without the change log, its insert
 * trigger is disabled for the transaction (the table's owner may; the rollback restores it).
 */
async function loadRate(
  db: Kysely<Database>,
  userId: string,
  accountId: string,
  withChangeLog: boolean,
): Promise<number> {
  let rate = 0;
  await db
    .transaction()
    .execute(async (trx) => {
      if (!withChangeLog) {
        await sql`alter table transactions disable trigger transactions_change_log_insert`.execute(
          trx,
        );
      }
      await openChangeSet(trx, {
        user: { id: userId },
        actor: { kind: 'job', id: null },
        action: 'bench.load',
        summary: {},
      });
      const started = performance.now();
      for (let from = 0; from < LOAD_ROWS; from += LOAD_CHUNK) {
        await sql`
          insert into transactions (user_id, account_id, occurred_on, amount_minor, currency, payee)
          select ${userId}, ${accountId}, date '2024-01-01' + (g % 700), -(100 + g % 9000), 'USD', 'Imported'
          from generate_series(${from}::int, ${from + LOAD_CHUNK - 1}::int) g`.execute(trx);
      }
      rate = LOAD_ROWS / ((performance.now() - started) / 1000);
      throw new RolledBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
  return rate;
}

class RolledBack extends Error {}

/** A small seeded generator, so every run makes the same edits. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
