/**
 * `pnpm bench:peer`'s settings, read once from the command line and the environment (every flag
 * has a variable twin, which survives any wrapper).
 */
import { parseArgs } from 'node:util';
import { positiveInt, UsageError } from '../config.ts';

export interface PeerConfig {
  rows: number;
  /** Alternating rounds per question. */
  rounds: number;
  /** Timed calls per round and system. */
  calls: number;
  /** Timed walks per round to the deep page (each is a hundred requests at 100,000 rows). */
  walkCalls: number;
  /** A round stops after this long (once it has `minCalls`), so slow questions take fewer calls. */
  roundBudgetMs: number;
  minCalls: number;
  /** Untimed calls per system before a question's first round. */
  warmup: number;
  /** Cold starts of each process (start-up, memory). */
  starts: number;
  /** When set, every start-up child runs with `node --cpu-prof`, writing its profile here. */
  cpuProfDir: string | undefined;
  /** Only make and keep Actual's budget for these rows (the slow part), measure nothing. */
  prepare: boolean;
}

export const PEER_USAGE = `Usage: pnpm bench:peer [--rows N]

Outlay (embedded PGlite) and Actual Budget's engine (embedded SQLite, @actual-app/api installed
into apps/bench/.peer/ on first use) on the same rows, each question asked of both in alternating
rounds; prints the ratios next to their targets and writes apps/bench/results/peer.json.

  --rows N        transactions (default 100,000)                     (BENCH_ROWS=N)
  --prepare       only import the rows into Actual and keep its budget for later runs (its API
                  adds rows in O(n²): minutes of CPU at 100,000; try nice -n 19), measure nothing

  BENCH_PEER_ROUNDS (6)        alternating rounds per question
  BENCH_PEER_CALLS (40)        timed calls per round and system
  BENCH_PEER_ROUND_SECONDS (10) a round's time budget (at least 10 calls are made)
  BENCH_PEER_WALK_CALLS (2)    timed walks per round to the deep page
  BENCH_PEER_STARTS (3)        cold starts of each process
  BENCH_PEER_CPU_PROF=<dir>    profile every cold start (node --cpu-prof) into <dir>; a profiled
                               run's start-up figures are slower than an unprofiled one's
`;

export const DEFAULT_PEER_ROWS = 100_000;

export function parsePeerConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): PeerConfig {
  let values: { rows?: string; prepare?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv.filter((arg) => arg !== '--'),
      options: {
        rows: { type: 'string' },
        prepare: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message, 2, PEER_USAGE);
  }
  if (values.help) throw new UsageError('Outlay vs Actual Budget, side by side', 0, PEER_USAGE);
  const number = (name: string, text: string | undefined, fallback: number) =>
    positiveInt(name, text, fallback, PEER_USAGE);
  const rows = number('--rows / BENCH_ROWS', values.rows ?? env.BENCH_ROWS, DEFAULT_PEER_ROWS);
  if (rows < 1_000) {
    throw new UsageError(`--rows must be at least 1,000, got ${rows}`, 2, PEER_USAGE);
  }
  return {
    rows,
    rounds: number('BENCH_PEER_ROUNDS', env.BENCH_PEER_ROUNDS, 6),
    calls: number('BENCH_PEER_CALLS', env.BENCH_PEER_CALLS, 40),
    walkCalls: number('BENCH_PEER_WALK_CALLS', env.BENCH_PEER_WALK_CALLS, 2),
    roundBudgetMs: number('BENCH_PEER_ROUND_SECONDS', env.BENCH_PEER_ROUND_SECONDS, 10) * 1000,
    minCalls: 10,
    warmup: 3,
    starts: number('BENCH_PEER_STARTS', env.BENCH_PEER_STARTS, 3),
    cpuProfDir: env.BENCH_PEER_CPU_PROF || undefined,
    prepare: values.prepare === true,
  };
}
