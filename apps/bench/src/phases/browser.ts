/**
 * The browser: the built web app in Chromium against the server child, sign-in to the first
 * drawn dashboard and date-preset changes, timed by the page's own marks (`../browser.ts`).
 * A missing Chromium or web build, or a failure, is reported as "not run" with why.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { measureDashboard, type BrowserFigures } from '../browser.ts';
import type { ServerChild } from './http-latency.ts';
import { BENCH_EMAIL, BENCH_PASSWORD, log, type BenchRun } from './run.ts';

export async function browserPhase(
  run: BenchRun,
  server: ServerChild,
  webDist: string,
): Promise<BrowserFigures> {
  log(`browser: sign in through the UI, then ${run.config.filterChanges} date-preset changes`);
  let figures: BrowserFigures;
  try {
    figures = await measureDashboard({
      baseUrl: server.child.url,
      email: BENCH_EMAIL,
      password: BENCH_PASSWORD,
      filterChanges: run.config.filterChanges,
      webBuilt: existsSync(join(webDist, 'index.html')),
    });
  } catch (error) {
    figures = {
      not_run: `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    };
  }
  if ('not_run' in figures) log(`  browser rows not run: ${figures.not_run}`);
  else
    log(
      `  dashboard_ready_ms ${figures.dashboard_ready_ms}, filter change p50 ${figures.filter_change_p50_ms} / p95 ${figures.filter_change_p95_ms} ms over ${figures.filter_changes}`,
    );
  return figures;
}
