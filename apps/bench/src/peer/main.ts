/**
 * `pnpm bench:peer`: Outlay embedded (PGlite) and Actual Budget's engine embedded (SQLite, its
 * `@actual-app/api`) on the same rows, in one run. Each question is first answered by both and
 * checked against a plain reference computed from the rows, then timed in alternating rounds;
 * then each system is started cold on its existing data (start-up, memory) and its data
 * directory measured after a clean shutdown. Prints the ratios next to their targets and writes
 * `results/peer.json`. Progress goes to stderr, the table to stdout.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSigningKeyPem, hashPassword } from '@outlay/api';
import { createOutlayClient } from '@outlay/client';
import { createDb, generateBulk, migrateToLatest, type OutlayDb } from '@outlay/db';
import { log, runCommand, type Cleanups } from '../entry-point.ts';
import { describeMachine } from '../machine.ts';
import { roundTo } from '../percentiles.ts';
import { progressBar } from '../progress-bar.ts';
import { startServerProcess } from '../server-process.ts';
import { loadActualApi } from './actual-api.ts';
import { agreement, difference, type Answer } from './answers.ts';
import { askActual } from './ask-actual.ts';
import { askOutlay, clientAsk, cursorAt, outlayFilter, type OutlayAccounts } from './ask-outlay.ts';
import { bundleChildren, runChild, type ChildRun, type ChildScripts } from './children.ts';
import { DEFAULT_PEER_ROWS, parsePeerConfig, type PeerConfig } from './config.ts';
import { diskBytes, toMb } from './disk.ts';
import { ensureActual } from './install-actual.ts';
import { inProcessOutlay, signIn } from './outlay-in-process.ts';
import {
  questions,
  referenceAnswer,
  matches,
  type Ask,
  type Question,
  type Target,
} from './questions.ts';
import {
  describeTarget,
  judge,
  renderPeerReport,
  type PeerReport,
  type PeerResult,
} from './report.ts';
import { alternateRounds, medianOfRounds, timedRound } from './rounds.ts';
import { readRows, type PeerRow } from './rows.ts';
import { openActualBudget } from './actual-budget.ts';
import type { ActualChildInput } from './actual-child.ts';
import type { OutlayChildInput } from './outlay-child.ts';

/** The seed of `pnpm bench`. */
const SEED = 20_261_121;
/**
 * The last day of the history. Fixed, not today: every run holds exactly the same rows, so runs
 * before and after a change compare like for like, and Actual's budget, slow to import, is kept
 * between runs (actual-budget.ts). "The last 12 months" are the 12 months to this date.
 */
const HISTORY_END = '2026-11-30';
const EMAIL = 'peer-1@example.com';
const PASSWORD = 'peer-bench-password';
/** One payee, about 1.2 % of the rows; lower case, since both searches ignore case. */
const SEARCH = 'dropbox';
/** The amount filter: at least $50.00 either way. */
const MIN_AMOUNT = 5_000;
const ACCOUNT = 'Checking';
/** Start-up: at most `target.max` ms, and ahead of Actual. */
const START_TARGET: Target = { kind: 'absolute', max: 450, ahead: true };
/** Server resident memory after the dashboard, the list and search. */
const MEMORY_TARGET: Target = { kind: 'absolute', max: 250 };
const DISK_TARGET: Target = { kind: 'absolute', max: 60 };

const peerDir = fileURLToPath(new URL('../../.peer/', import.meta.url));
const resultsDir = fileURLToPath(new URL('../../results/', import.meta.url));
const webDist = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** The environment the children start with: the few variables a process needs, nothing else. */
const childEnv: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  HOME: process.env.HOME ?? '',
  ...(process.env.TZ ? { TZ: process.env.TZ } : {}),
};

async function run(config: PeerConfig, cleanups: Cleanups): Promise<void> {
  const runStarted = performance.now();
  const loadAverage = loadavg().map((load) => roundTo(load, 2));
  log(`load average at start: ${loadAverage.join(', ')} (the machine is shared)`);

  const install = await ensureActual({ dir: peerDir, env: process.env, log });
  const actual = loadActualApi(install.entry);
  const runDir = await mkdtemp(join(tmpdir(), 'outlay-peer-'));
  cleanups.add(() => rm(runDir, { recursive: true, force: true }));
  const outlayDir = join(runDir, 'outlay');
  const actualDir = join(runDir, 'actual');
  await mkdir(actualDir);
  const scripts = await bundleChildren(join(runDir, 'children'));

  // --- the same rows in both --------------------------------------------------------------------
  const today = HISTORY_END;
  let outlay: OutlayDb | undefined = await createDb({ url: `pglite:${outlayDir}` });
  cleanups.add(() => outlay?.close() ?? Promise.resolve());
  await migrateToLatest(outlay.db);
  const generationBar = progressBar('Outlay: generating', config.rows);
  const generated = await generateBulk(outlay.db, {
    users: 1,
    transactionsPerUser: config.rows,
    seed: SEED,
    passwordHash: await hashPassword(PASSWORD),
    emailPrefix: 'peer',
    today,
    chunkSize: Math.min(100_000, Math.max(10_000, Math.ceil(config.rows / 10))),
    onProgress: (done) => generationBar.update(done),
  });
  generationBar.finish(
    `Outlay: generated ${count(generated.rows)} transactions in ${secs(generated.ms)} s`,
  );
  const userId = generated.userIds[0]!;
  const rows = await readRows(outlay.db, userId);
  const outlayAccounts: OutlayAccounts = new Map(
    (
      await outlay.db
        .selectFrom('accounts')
        .select(['name', 'id'])
        .where('user_id', '=', userId)
        .execute()
    ).map((account) => [account.name, account.id]),
  );

  await actual.init({ dataDir: actualDir, verbose: false });
  let actualOpen = true;
  cleanups.add(async () => {
    if (actualOpen) await actual.shutdown();
  });
  const budget = await openActualBudget(actual, {
    rows,
    dataDir: actualDir,
    cacheDir: join(peerDir, 'budgets'),
    version: install.version,
    log,
  });
  if (config.prepare) {
    await actual.shutdown();
    actualOpen = false;
    await budget.keep();
    log(`prepared: later runs on these ${count(rows.length)} rows skip Actual's import`);
    return;
  }

  // --- questions, in-process ----------------------------------------------------------------------
  const signingKeyPem = generateSigningKeyPem();
  const accessToken = await signIn(outlay.db, signingKeyPem, { email: EMAIL, password: PASSWORD });
  const outlayAsk = inProcessOutlay(outlay.db, { signingKeyPem, accessToken });
  const asked = questions({
    today,
    rows: rows.length,
    account: ACCOUNT,
    search: SEARCH,
    minAmount: MIN_AMOUNT,
  });
  log(
    `questions: ${config.rounds} alternating rounds of ${config.calls} timed calls per system ` +
      `(the walk to the deep page: ${config.walkCalls}; a round stops after ` +
      `${config.roundBudgetMs / 1000} s once it has ${config.minCalls}), after ${config.warmup} warm-up calls`,
  );
  const results: PeerResult[] = [];
  for (const question of asked) {
    results.push(
      await measureQuestion(question, {
        config,
        rows,
        outlay: (ask) => askOutlay(outlayAsk, outlayAccounts, ask),
        actual: (ask, splits) => askActual(actual, budget.accounts, ask, splits),
        outlayPageByCursor: async (ask) => {
          const filter = outlayFilter(ask.filter, outlayAccounts);
          const cursor = await cursorAt(outlayAsk, filter, ask.offset);
          const page = () => outlayAsk.list({ filter, limit: ask.limit, cursor });
          return (await timedRound(page, roundOptions(config))).p50;
        },
      }),
    );
  }

  // --- cold starts on the existing data -----------------------------------------------------------
  await actual.shutdown();
  actualOpen = false;
  await budget.keep();
  await outlay.close();
  outlay = undefined;
  const asks = asked.map((question) => question.ask);
  const starts = await measureStarts(config.starts, {
    scripts,
    nodeFlags: config.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', config.cpuProfDir] : [],
    asks,
    outlay: {
      url: `pglite:${outlayDir}`,
      signingKeyPem,
      accessToken,
      accounts: [...outlayAccounts],
      asks,
    },
    actual: {
      entry: install.entry,
      dataDir: actualDir,
      budgetId: budget.id,
      accounts: [...budget.accounts],
      asks,
    },
    serverDataDir: join(runDir, 'server'),
  });
  const firstReference = referenceAnswer(rows, asks[0]!);
  results.push(...startResults(starts, firstReference, rows.length));

  // --- disk after a clean shutdown (every child closed its data before exiting) -----------------
  const outlayBytes = await diskBytes(outlayDir);
  const walBytes = await diskBytes(join(outlayDir, 'pg_wal'));
  const actualBytes = await diskBytes(actualDir);
  results.push({
    ...measuredIn('MB', 'disk for the rows, after a clean shutdown', DISK_TARGET, {
      outlay: toMb(outlayBytes),
      actual: toMb(actualBytes),
      rows: rows.length,
    }),
    outlay_wal_mb: toMb(walBytes),
    note:
      `du of each data directory: Outlay's PGlite directory (${toMb(walBytes)} MB of it ` +
      "PostgreSQL's write-ahead log, pg_wal) against Actual's budget directory (db.sqlite, " +
      'its cache and metadata).',
  });
  results.push(...writeRows());

  // --- report -------------------------------------------------------------------------------------
  const report: PeerReport = {
    rows: rows.length,
    generated_at: new Date().toISOString(),
    machine: describeMachine(),
    load_average: loadAverage,
    command: `pnpm bench:peer${config.rows === DEFAULT_PEER_ROWS ? '' : ` --rows ${config.rows}`}`,
    actual_version: install.version,
    settings: {
      rounds: config.rounds,
      calls: config.calls,
      walk_calls: config.walkCalls,
      round_budget_s: config.roundBudgetMs / 1000,
      starts: config.starts,
      search: SEARCH,
      cpu_profiled: config.cpuProfDir !== undefined,
    },
    setup: {
      history_end: HISTORY_END,
      outlay_generation_ms: generated.ms,
      actual_import_ms: budget.importMs,
      actual_install_ms: install.installMs,
    },
    results,
    run_seconds: Math.round((performance.now() - runStarted) / 1000),
  };
  mkdirSync(resultsDir, { recursive: true });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(join(resultsDir, 'peer.json'), json);
  writeFileSync(join(resultsDir, `peer-${report.rows}.json`), json);
  process.stdout.write(`\n${renderPeerReport(report)}\n\n`);
  log(`wrote apps/bench/results/peer.json; the run took ${report.run_seconds} s`);
  const disagreeing = results.filter((result) => result.answers_agree === false);
  if (disagreeing.length > 0) {
    throw new Error(`answers disagree on: ${disagreeing.map((r) => r.name).join('; ')}`);
  }
}

interface QuestionContext {
  config: PeerConfig;
  rows: readonly PeerRow[];
  outlay: (ask: Ask) => Promise<Answer>;
  actual: (ask: Ask, splits?: 'grouped' | 'inline') => Promise<Answer>;
  /** p50 of the deep page fetched from a cursor already at its first row. */
  outlayPageByCursor: (ask: Extract<Ask, { kind: 'page' }>) => Promise<number>;
}

async function measureQuestion(question: Question, context: QuestionContext): Promise<PeerResult> {
  const { config, rows } = context;
  const { ask } = question;
  const reference = referenceAnswer(rows, ask);
  const agreed = agreement(reference, await context.outlay(ask), await context.actual(ask));
  if (!agreed.agree) {
    log(`  ${question.name}: ANSWERS DISAGREE ${JSON.stringify(agreed)}`);
  }
  const deep = ask.kind === 'page' && ask.offset > 0;
  const rounds = await alternateRounds(
    { outlay: () => context.outlay(ask), actual: () => context.actual(ask) },
    {
      ...roundOptions(config),
      rounds: config.rounds,
      calls: { outlay: deep ? config.walkCalls : config.calls, actual: config.calls },
      warmup: deep ? 1 : config.warmup,
    },
  );
  const result: PeerResult = {
    ...measuredIn('ms', question.name, question.target, {
      outlay: medianOfRounds(rounds.outlay),
      actual: medianOfRounds(rounds.actual),
      rows: rows.length,
    }),
    answers_agree: agreed.agree,
    ...(agreed.agree ? {} : { disagreement: { outlay: agreed.outlay, actual: agreed.actual } }),
    rounds,
  };
  const notes: string[] = [];
  if (question.list) {
    // Its app's list groups splits; the same query without the grouping, for the record.
    const inline = () => context.actual(ask, 'inline');
    if (difference(reference, await inline()) !== null) {
      notes.push('Actual without split grouping gave another answer');
    }
    result.actual_without_split_grouping_p50_ms = (
      await timedRound(inline, roundOptions(config))
    ).p50;
    notes.push(
      `Actual without its split grouping: ${result.actual_without_split_grouping_p50_ms} ms`,
    );
  }
  if (ask.kind === 'page' && deep) {
    result.outlay_page_by_cursor_p50_ms = await context.outlayPageByCursor(ask);
    notes.unshift(
      `Outlay cannot jump to a position or a date yet (planned: a starting date for ` +
        `transactions.list), so its figure is the walk there: ${Math.ceil(ask.offset / 500)} ` +
        `requests of 500 rows, then the page; one request from a cursor already there takes ` +
        `${result.outlay_page_by_cursor_p50_ms} ms; Actual asks with an offset`,
    );
  }
  if (ask.filter.search !== undefined) {
    const found = rows.filter((row) => matches(row, ask.filter)).length;
    notes.unshift(
      `"${ask.filter.search}": ${count(found)} matches (${roundTo((found / rows.length) * 100, 2)} % of the rows)`,
    );
  }
  if (ask.filter.minAmount !== undefined) {
    notes.unshift(
      `|amount| ≥ $${(ask.filter.minAmount / 100).toFixed(2)}: Outlay reads rows, not its totals`,
    );
  }
  if (notes.length > 0) result.note = notes.join('; ');
  log(
    `  ${question.name.padEnd(46)} Outlay ${fmt(result.outlay_p50_ms)}  Actual ${fmt(result.actual_p50_ms)}  ` +
      `ratio ${result.ratio ?? 'n/a'}  agree ${agreed.agree ? 'yes' : 'NO'}`,
  );
  return result;
}

/** One round of a single system: the budget and minimum of the alternating rounds. */
function roundOptions(config: PeerConfig) {
  return { calls: config.calls, budgetMs: config.roundBudgetMs, minCalls: config.minCalls };
}

/** The common fields of a measured row, in milliseconds or megabytes. */
function measuredIn(
  unit: 'ms' | 'MB',
  name: string,
  target: Target,
  figures: { outlay: number; actual: number; rows: number },
): PeerResult {
  const { ratio, met } = judge(target, figures.outlay, figures.actual, figures.rows);
  const values =
    unit === 'ms'
      ? { outlay_p50_ms: figures.outlay, actual_p50_ms: figures.actual }
      : {
          outlay_p50_ms: null,
          actual_p50_ms: null,
          outlay_mb: figures.outlay,
          actual_mb: figures.actual,
        };
  return {
    name,
    ...values,
    ratio,
    target: describeTarget(target, unit),
    met,
    answers_agree: null,
  };
}

interface StartRuns {
  outlayInProcess: ChildRun[];
  actual: ChildRun[];
  /** The server bundle: spawn → `/readyz` → first answer over HTTP, and its memory. */
  server: ChildRun[];
}

interface StartInputs {
  scripts: ChildScripts;
  /** `--cpu-prof` and its directory, when profiling. */
  nodeFlags: string[];
  asks: Ask[];
  outlay: OutlayChildInput;
  actual: ActualChildInput;
  serverDataDir: string;
}

/** Each system started cold `starts` times, in rotating order, one process at a time. */
async function measureStarts(starts: number, inputs: StartInputs): Promise<StartRuns> {
  const runs: StartRuns = { outlayInProcess: [], actual: [], server: [] };
  const kinds = ['outlayInProcess', 'actual', 'server'] as const;
  const child = { env: childEnv, nodeFlags: inputs.nodeFlags };
  log(`start-up: each system started cold ${starts} times on its existing data`);
  for (let round = 0; round < starts; round++) {
    for (let i = 0; i < kinds.length; i++) {
      const kind = kinds[(round + i) % kinds.length]!;
      const started =
        kind === 'outlayInProcess'
          ? await runChild(inputs.scripts.outlay, inputs.outlay, child)
          : kind === 'actual'
            ? await runChild(inputs.scripts.actual, inputs.actual, child)
            : await startServer(inputs);
      runs[kind].push(started);
      log(
        `  ${kind.padEnd(16)} first answer after ${started.firstMs} ms; ` +
          `RSS ${started.rssOpenMb} MB open, ${started.rssAfterMb} MB after every question`,
      );
    }
  }
  return runs;
}

/** The production server on the existing data: spawn to its first answer over HTTP. */
async function startServer(inputs: StartInputs): Promise<ChildRun> {
  await mkdir(inputs.serverDataDir, { recursive: true });
  const started = performance.now();
  const server = await startServerProcess({
    env: {
      DATABASE_URL: inputs.outlay.url,
      OUTLAY_DATA_DIR: inputs.serverDataDir,
      OUTLAY_JWT_PRIVATE_KEY: inputs.outlay.signingKeyPem,
      OUTLAY_WEB_DIST: webDist,
    },
    nodeFlags: inputs.nodeFlags,
  });
  try {
    const client = clientAsk(
      createOutlayClient({ url: server.url, token: inputs.outlay.accessToken, batch: false }),
    );
    const accounts = new Map(inputs.outlay.accounts);
    const answer = await askOutlay(client, accounts, inputs.asks[0]!);
    const firstMs = Math.round(performance.now() - started);
    const open = server.memory()?.rssMb ?? Number.NaN;
    for (const ask of inputs.asks) await askOutlay(client, accounts, ask);
    const after = server.memory()?.rssMb ?? Number.NaN;
    return { firstMs, answer, rssOpenMb: open, rssAfterMb: after };
  } finally {
    // SIGTERM: the server closes the database before it exits (a clean shutdown).
    await server.stop();
  }
}

function startResults(runs: StartRuns, reference: Answer, rows: number): PeerResult[] {
  const median = (list: ChildRun[], pick: (run: ChildRun) => number) =>
    medianOfRounds(list.map(pick));
  const all = [...runs.outlayInProcess, ...runs.actual, ...runs.server];
  const wrong = all.map((run) => difference(reference, run.answer)).filter((d) => d !== null);
  const start: PeerResult = {
    ...measuredIn('ms', 'process start to first answer, existing data', START_TARGET, {
      outlay: median(runs.outlayInProcess, (run) => run.firstMs),
      actual: median(runs.actual, (run) => run.firstMs),
      rows,
    }),
    answers_agree: wrong.length === 0,
    ...(wrong.length === 0 ? {} : { disagreement: { outlay: wrong.join('; ') } }),
    outlay_server_over_http_ms: median(runs.server, (run) => run.firstMs),
  };
  start.note =
    'compared: spawn to the first answer (total spend, last 12 months) with plain node, the ' +
    'median of the starts. Outlay in-process: createDb + migrateToLatest + the API caller; ' +
    "Actual: its API's init + loadBudget + aqlQuery. Outlay's production server bundle, spawn " +
    `to /readyz to the first answer over HTTP: ${start.outlay_server_over_http_ms} ms.`;
  const open: PeerResult = {
    ...measuredIn(
      'MB',
      'process memory, open (after the first answer)',
      { kind: 'none' },
      {
        outlay: median(runs.server, (run) => run.rssOpenMb),
        actual: median(runs.actual, (run) => run.rssOpenMb),
        rows,
      },
    ),
    outlay_in_process_mb: median(runs.outlayInProcess, (run) => run.rssOpenMb),
  };
  const after: PeerResult = {
    ...measuredIn('MB', 'process memory, after every question', MEMORY_TARGET, {
      outlay: median(runs.server, (run) => run.rssAfterMb),
      actual: median(runs.actual, (run) => run.rssAfterMb),
      rows,
    }),
    outlay_in_process_mb: median(runs.outlayInProcess, (run) => run.rssAfterMb),
  };
  for (const row of [open, after]) {
    row.note =
      "resident set of each process: Outlay's production server (as deployed, answer cache on; " +
      `its in-process child: ${row.outlay_in_process_mb} MB) against Actual's engine process.`;
  }
  return [start, open, after];
}

/**
 * Loading rows through each one's API, and importing a CSV file, are targets too, but Outlay has
 * neither write yet. When `transactions.create` (or the CSV import) lands, time both sides here:
 * Outlay through its API, Actual through `addTransactions` (or its CSV import) on 10,000 rows.
 */
function writeRows(): PeerResult[] {
  const pending = (name: string, note: string): PeerResult => ({
    name,
    outlay_p50_ms: null,
    actual_p50_ms: null,
    ratio: null,
    target: describeTarget({ kind: 'ratio', max: 0.1 }, 'ms'),
    met: null,
    answers_agree: null,
    note,
  });
  return [
    pending('entry of 10,000 transactions through the API', 'n/a until transactions.create exists'),
    pending('import of a 10,000-row CSV', 'n/a until the CSV import exists'),
  ];
}

const count = (n: number) => n.toLocaleString('en-US');
const secs = (ms: number) => (ms / 1000).toFixed(1);
const fmt = (ms: number | null) => (ms === null ? 'n/a' : `${ms.toFixed(2)} ms`).padStart(11);

await runCommand('bench:peer', (cleanups) =>
  run(parsePeerConfig(process.argv.slice(2), process.env), cleanups),
);
