/**
 * The dashboard in Debian's Chromium, driven by playwright-core (never a downloaded
 * browser), timed by the page's own Performance API: the web app marks `outlay:dashboard-ready`
 * each time every card and chart shows the view in the address bar.
 *
 * - `dashboard_ready_ms`: the sign-in form's submit event to the first mark.
 * - filter changes: the date-range select's change event to the next mark for the new view.
 * Both instants are taken inside the page (capture-phase listeners), so CDP round trips do not count.
 */
import { existsSync } from 'node:fs';
import { DATE_PRESETS, DEFAULT_PRESET } from '@outlay/contracts';
import { chromium } from 'playwright-core';
import { chromiumPath } from './config.ts';
import { latencyPercentiles } from './percentiles.ts';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/**
 * The web app's presets (@outlay/contracts), cycled through starting away from the default the
 * dashboard opens with, so every step is a real change.
 */
const PRESETS = [...DATE_PRESETS.filter((preset) => preset !== DEFAULT_PRESET), DEFAULT_PRESET];

export type BrowserFigures =
  | {
      dashboard_ready_ms: number;
      filter_change_p95_ms: number;
      filter_change_p50_ms: number;
      filter_changes: number;
    }
  | { not_run: string };

// Runs in the page before the app; written as text, since this package is typed for Node, not DOM.
const INIT_SCRIPT = `(() => {
  const now = () => performance.timeOrigin + performance.now();
  const state = { submitAt: undefined, changeAt: undefined, ready: [] };
  window.__bench = state;
  document.addEventListener('submit', () => { state.submitAt = now(); }, true);
  document.addEventListener('change', () => { state.changeAt = now(); }, true);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name !== 'outlay:dashboard-ready') continue;
      state.ready.push({ at: performance.timeOrigin + entry.startTime, view: entry.detail?.view ?? '' });
    }
  }).observe({ type: 'mark', buffered: true });
})();`;

/** The first ready mark after mark number `count` for the view in the address bar, minus `since`. */
const sinceMark = (count: number, since: 'submitAt' | 'changeAt') =>
  `(() => {
    const bench = window.__bench;
    const mark = bench.ready.slice(${count}).find((r) => r.view === location.search);
    return mark && bench.${since} !== undefined ? mark.at - bench.${since} : null;
  })()`;

async function until(read: () => Promise<unknown>, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (typeof value === 'number') return value;
    if (performance.now() > deadline) throw new Error(`no ready mark within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function measureDashboard(options: {
  baseUrl: string;
  email: string;
  password: string;
  filterChanges: number;
  webBuilt: boolean;
}): Promise<BrowserFigures> {
  if (!existsSync(chromiumPath)) {
    return { not_run: `no Chromium at ${chromiumPath} (set CHROMIUM_PATH; never downloaded)` };
  }
  if (!options.webBuilt) return { not_run: 'apps/web/dist is not built' };
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS });
  try {
    const context = await browser.newContext({
      baseURL: options.baseUrl,
      locale: 'en-US',
      timezoneId: 'UTC',
      viewport: { width: 1440, height: 900 },
    });
    await context.addInitScript({ content: INIT_SCRIPT });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto('/');
    await page.getByLabel('Email').fill(options.email);
    await page.getByLabel('Password').fill(options.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const dashboardReady = await until(() => page.evaluate(sinceMark(0, 'submitAt')), 60_000);

    const changes: number[] = [];
    for (let i = 0; i < options.filterChanges; i++) {
      const preset = PRESETS[i % PRESETS.length]!;
      const before = Number(await page.evaluate('window.__bench.ready.length'));
      await page.selectOption('#filter-range', preset);
      changes.push(await until(() => page.evaluate(sinceMark(before, 'changeAt')), 30_000));
    }
    if (pageErrors.length > 0) throw new Error(`page errors: ${pageErrors.join('; ')}`);
    const { p50_ms, p95_ms } = latencyPercentiles(changes);
    return {
      dashboard_ready_ms: Math.round(dashboardReady),
      filter_change_p95_ms: p95_ms,
      filter_change_p50_ms: p50_ms,
      filter_changes: changes.length,
    };
  } finally {
    await browser.close();
  }
}
