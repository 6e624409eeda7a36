import { todayUtc } from '@outlay/contracts';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { runDueItemsJob, type DueItemsJobResult } from './run-due-items-job.ts';

/** How often the server tops due items up: hourly, so the horizon moves the day the date does. */
export const DUE_ITEMS_JOB_INTERVAL_MS = 60 * 60 * 1000;

export interface DueItemsSchedule {
  /** Runs the job now (unless a run of this process is under way) and resolves with its result. */
  runNow(): Promise<DueItemsJobResult | null>;
  /** Stops the timer and waits for a run under way. */
  stop(): Promise<void>;
}

/**
 * Runs the due-items job in-process: once at start-up, then every `intervalMs`. An interval
 * rather than a cron expression: the job is idempotent and only needs to run at least once a day
 * (every series keeps 13 months of due items, so a missed run costs nothing but a later top-up),
 * and no wall-clock time matters. Runs never overlap in one process; across processes the job's
 * advisory lock keeps one at a time. A failed run is reported and the next one tries again.
 */
export function scheduleDueItemsJob(
  db: Kysely<Database>,
  {
    intervalMs = DUE_ITEMS_JOB_INTERVAL_MS,
    now = () => new Date(),
    onResult,
    onError,
  }: {
    intervalMs?: number;
    now?: () => Date;
    /** A finished run and how long it took, in seconds. */
    onResult?: (result: DueItemsJobResult, seconds: number) => void;
    onError: (error: unknown, seconds: number) => void;
  },
): DueItemsSchedule {
  let running: Promise<DueItemsJobResult | null> | null = null;
  const runNow = () => {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    running ??= runDueItemsJob(db, { today: todayUtc(now()) })
      .then((result) => {
        onResult?.(result, seconds());
        return result;
      })
      .catch((error: unknown) => {
        onError(error, seconds());
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => void runNow(), intervalMs);
  timer.unref();
  void runNow();
  return {
    runNow,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
