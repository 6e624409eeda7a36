/**
 * The bench's settings, read once from the command line and the environment. Flags work as
 * `pnpm bench -- --large`; every flag has an environment twin (`BENCH_LARGE=1`) because that form
 * survives any wrapper (turbo, CI scripts) unchanged.
 */
import { parseArgs } from 'node:util';

export interface BenchConfig {
  /** `postgres://…` of a server to create a throwaway database on; unset for PGlite. */
  databaseUrl: string | undefined;
  /** Transactions of the one bench user. */
  rows: number;
  /** Timed requests per latency case (after warm-up), unless the time budget ends first. */
  iterations: number;
  warmup: number;
  /** Upper bound on one latency case, warm-up included. */
  caseBudgetMs: number;
  /** Seconds of each measured autocannon run, and of the warm-up before it. */
  loadSeconds: number;
  loadWarmupSeconds: number;
  loadConnections: number;
  /** The rate-limited `metrics.summary` run: requests/s offered and seconds. */
  rate: number;
  rateSeconds: number;
  /** The dashboard soak against the server child process. */
  soakConnections: number;
  soakSeconds: number;
  /** Date-preset changes timed in Chromium. */
  filterChanges: number;
  /** When set, the server child runs with `--cpu-prof` writing its profile here. */
  cpuProfDir: string | undefined;
  /** The deep keyset page to time: the 10,000th, or the last whole page of a smaller history. */
  deepPage: number;
  pageSize: number;
}

/** Debian's Chromium, or the one `CHROMIUM_PATH` names: the bench never downloads a browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What a child process the bench starts keeps of the bench's own environment. */
export function inheritedEnvironment(): Record<string, string> {
  const { PATH = '', HOME = '', TZ } = process.env;
  return { PATH, HOME, ...(TZ ? { TZ } : {}) };
}

const DEFAULT_ROWS = 100_000;
const PAGE_SIZE = 50;
/** Deep pages: any page, first or 10,000th, must be as fast (keyset paging). */
const DEEP_PAGE = 10_000;
const LARGE_ROWS = 1_000_000;

const USAGE = `Usage: pnpm bench [-- --large] [-- --rows N]

  --large        1,000,000 transactions instead of 100,000        (BENCH_LARGE=1)
  --rows N       any number of transactions                       (BENCH_ROWS=N)
  --soak         the dashboard soak for the full 60 s (default 20 s) (BENCH_SOAK=1; implied by --large)

  DATABASE_URL=postgres://…   run on a fresh throwaway database of that server (dropped at the end)
  BENCH_ITERATIONS (200)  BENCH_CASE_SECONDS (15)  BENCH_LOAD_SECONDS (10)  BENCH_CONNECTIONS (10)
  BENCH_RATE_SECONDS (20)  BENCH_SOAK_SECONDS (20, or 60 with --soak)  BENCH_FILTER_CHANGES (20)
  BENCH_CPU_PROF=<dir>    profile the server child process (node --cpu-prof) into <dir>
`;

export class UsageError extends Error {
  constructor(
    message: string,
    /** 0 for `--help`, 2 for a bad flag or variable. */
    readonly exitCode = 2,
    /** The usage text shown under the message (`pnpm bench:peer` has its own). */
    usage = USAGE,
  ) {
    super(`${message}\n\n${usage}`);
  }
}

export function positiveInt(
  name: string,
  text: string | undefined,
  fallback: number,
  usage = USAGE,
): number {
  if (text === undefined || text === '') return fallback;
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < 1)
    throw new UsageError(`${name} must be a positive integer, got "${text}"`, 2, usage);
  return value;
}

const truthy = (text: string | undefined) => text !== undefined && /^(1|true|yes)$/i.test(text);

export function parseConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): BenchConfig {
  // Wrappers may forward their own `--` separator: `pnpm bench -- --large` reaches us as `-- --large`.
  const args = argv.filter((arg) => arg !== '--');
  let values: { large?: boolean; soak?: boolean; rows?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        large: { type: 'boolean' },
        soak: { type: 'boolean' },
        rows: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) throw new UsageError('Outlay bench', 0);

  const large = values.large === true || truthy(env.BENCH_LARGE);
  const rows = positiveInt(
    '--rows / BENCH_ROWS',
    values.rows ?? env.BENCH_ROWS,
    large ? LARGE_ROWS : DEFAULT_ROWS,
  );
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UsageError('DATABASE_URL must be a postgres://… URL (unset it to run on PGlite)');
  }
  return {
    databaseUrl,
    rows,
    iterations: positiveInt('BENCH_ITERATIONS', env.BENCH_ITERATIONS, 200),
    warmup: 20,
    caseBudgetMs: positiveInt('BENCH_CASE_SECONDS', env.BENCH_CASE_SECONDS, 15) * 1000,
    loadSeconds: positiveInt('BENCH_LOAD_SECONDS', env.BENCH_LOAD_SECONDS, 10),
    loadWarmupSeconds: 2,
    loadConnections: positiveInt('BENCH_CONNECTIONS', env.BENCH_CONNECTIONS, 10),
    rate: 200,
    rateSeconds: positiveInt('BENCH_RATE_SECONDS', env.BENCH_RATE_SECONDS, 20),
    soakConnections: 200,
    soakSeconds: positiveInt(
      'BENCH_SOAK_SECONDS',
      env.BENCH_SOAK_SECONDS,
      large || values.soak === true || truthy(env.BENCH_SOAK) ? 60 : 20,
    ),
    filterChanges: positiveInt('BENCH_FILTER_CHANGES', env.BENCH_FILTER_CHANGES, 20),
    cpuProfDir: env.BENCH_CPU_PROF || undefined,
    deepPage: Math.max(2, Math.min(DEEP_PAGE, Math.floor(rows / PAGE_SIZE))),
    pageSize: PAGE_SIZE,
  };
}
