/**
 * End-to-end support: a real Outlay server (buildApp on port 0) over a throwaway database seeded
 * with the demo people (or left empty, for tests that register their own), serving the built web
 * app from dist/, and Debian's Chromium driven by playwright-core. Nothing of the app is mocked: the browser talks HTTP to the server, and the
 * expected numbers come from @outlay/client asking the same server.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  createRateLimits,
  generateSigningKeyPem,
  hashPassword,
  type RateLimitOptions,
} from '@outlay/api';
import { createOutlayClient, type OutlayClient, type TransactionFilter } from '@outlay/client';
import { DEMO_PASSWORD, seedDemo } from '@outlay/db';
import { createTestDb, testDatabaseKind, type TestDb } from '@outlay/db/testing';
import { buildApp, createApiDeps, type OutlayApp } from '@outlay/server';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Polls until the assertion holds: the page draws after the server answers, within 15 s. */
export const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });

export const webDist = fileURLToPath(new URL('../dist/', import.meta.url));
export const resultsDir = fileURLToPath(
  new URL(`../test-results/e2e-${testDatabaseKind()}/`, import.meta.url),
);
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);
export const e2eRequired = process.env.OUTLAY_REQUIRE_E2E === '1';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Harness {
  baseUrl: string;
  browser: Browser;
  today: string;
  /** Another server over the same database with other rate limits (closed with the harness). */
  serveWithLimits(limits: Partial<RateLimitOptions>): Promise<string>;
  close(): Promise<void>;
}

/** `demo: false` starts on an empty database (no demo people to seed: seconds saved). */
export async function startHarness({ demo = true }: { demo?: boolean } = {}): Promise<Harness> {
  if (!existsSync(`${webDist}index.html`)) {
    throw new Error(
      `No built web app in ${webDist}: run \`pnpm --filter @outlay/web build\` first`,
    );
  }
  mkdirSync(resultsDir, { recursive: true });
  // The server, the database and the browser start side by side: each takes seconds on 2 cores.
  const browserPromise = chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS });
  let testDb: TestDb | undefined;
  let app: OutlayApp | undefined;
  try {
    const [db, passwordHash] = await Promise.all([
      createTestDb(),
      demo ? hashPassword(DEMO_PASSWORD) : null,
    ]);
    testDb = db;
    const seeded = passwordHash
      ? await seedDemo(testDb.db, { passwordHash })
      : { to: new Date().toISOString().slice(0, 10) };
    const database = testDb.db;
    const serve = async (limits: Partial<RateLimitOptions>) => {
      const server = await buildApp({
        deps: createApiDeps({
          db: database,
          signingKeyPem: generateSigningKeyPem(),
          version: 'e2e',
          limits: createRateLimits(limits),
        }),
        webDist,
      });
      const url = (await server.listen({ port: 0, host: '127.0.0.1' })).replace(/\/$/, '');
      return { server, url };
    };
    // The suite signs the same people in and out, and registers new ones, dozens of times a
    // minute from one address.
    const main = await serve({
      requestsPerMinute: 0,
      signInFailures: 100,
      registrationsPerIp: 1_000,
    });
    app = main.server;
    const browser = await browserPromise;
    const started = { app, testDb };
    const extra: OutlayApp[] = [];
    return {
      baseUrl: main.url,
      browser,
      today: seeded.to,
      async serveWithLimits(limits) {
        const { server, url } = await serve(limits);
        extra.push(server);
        return url;
      },
      async close() {
        await browser.close();
        for (const server of extra) await server.close();
        await started.app.close();
        await started.testDb.dispose();
      },
    };
  } catch (error) {
    await browserPromise.then((b) => b.close()).catch(() => undefined);
    await app?.close();
    await testDb?.dispose();
    throw error;
  }
}

export interface ContextOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
}

export const WIDE = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** A fresh browser profile (no session) in US English, UTC, with page errors collected. */
export async function newPage(
  harness: Harness,
  options: ContextOptions = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await harness.browser.newContext({
    baseURL: harness.baseUrl,
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? WIDE,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

export async function signInThroughUi(
  page: Page,
  email: string,
  password = DEMO_PASSWORD,
  path = '/',
) {
  if (!page.url().startsWith('http')) await page.goto(path);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * A fresh browser profile signed in as `account` through the sign-in form at `path`, once the
 * view there is ready; `wait: false` where the test waits on something of its own instead.
 */
export async function signedInPage(
  harness: Harness,
  account: { email: string; password: string },
  { path = '/', wait = true, ...options }: ContextOptions & { path?: string; wait?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const opened = await newPage(harness, options);
  await signInThroughUi(opened.page, account.email, account.password, path);
  if (wait) await waitForView(opened.page);
  return opened;
}

/** Waits until the page shows the view in the address bar, fully loaded. */
export async function waitForView(page: Page) {
  await page.waitForFunction(
    () => {
      const view = document.querySelector('[data-view-state]');
      return (
        view?.getAttribute('data-view-state') === 'ready' &&
        view.getAttribute('data-view') === location.search
      );
    },
    undefined,
    { timeout: 30_000 },
  );
}

export async function apiClient(baseUrl: string, email: string): Promise<OutlayClient> {
  const session = await createOutlayClient({ url: baseUrl }).auth.login.mutate({
    email,
    password: DEMO_PASSWORD,
  });
  return createOutlayClient({ url: baseUrl, token: session.accessToken });
}

export interface Account {
  email: string;
  password: string;
  displayName: string;
  /** Signed in as the account (the registration's own session). */
  client: OutlayClient;
}

/** A new person, registered through the API: an empty account of their own for each test. */
export async function registerAccount(
  baseUrl: string,
  displayName = 'Sam Tester',
): Promise<Account> {
  const email = `sam.${randomUUID().slice(0, 8)}@example.com`;
  const password = `a long passphrase ${randomUUID().slice(0, 6)}`;
  const session = await createOutlayClient({ url: baseUrl }).auth.register.mutate({
    email,
    password,
    displayName,
  });
  return {
    email,
    password,
    displayName,
    client: createOutlayClient({ url: baseUrl, token: session.accessToken }),
  };
}

/** The bearer tokens the page sends, in order: the app's access token, seen from outside. */
export function watchBearerTokens(page: Page): string[] {
  const tokens: string[] = [];
  page.on('request', (request) => {
    const header = request.headers().authorization;
    if (header?.startsWith('Bearer ') && tokens.at(-1) !== header.slice(7)) {
      tokens.push(header.slice(7));
    }
  });
  return tokens;
}

/** Everything in the page's Web Storage, to check that no token was put there. */
export async function webStorage(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const all: Record<string, string> = {};
    for (const [name, store] of [
      ['session', sessionStorage],
      ['local', localStorage],
    ] as const) {
      for (let i = 0; i < store.length; i += 1) {
        const key = store.key(i)!;
        all[`${name}:${key}`] = store.getItem(key) ?? '';
      }
    }
    return all;
  });
}

/** Money the way an en-US person reads it, written independently of the app's formatter. */
export function usd(minor: number): string {
  const abs = Math.abs(minor);
  const dollars = Math.floor(abs / 100).toLocaleString('en-US');
  return `${minor < 0 ? '-' : ''}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

/** "-$1,234.56" or "+$12.00" back to minor units. */
export function parseUsd(text: string): number {
  const match = /^([+-]?)\$([\d,]+)\.(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`Not a USD amount: "${text}"`);
  const minor = Number(match[2]!.replace(/,/g, '')) * 100 + Number(match[3]);
  return match[1] === '-' ? -minor : minor;
}

/** ISO date arithmetic for expected ranges, independent of the app's calendar code. */
export function monthsBack(today: string, months: number): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** The last day of the month `months` before today's month. */
export function monthEndBack(today: string, months: number): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  // Day 0 of a month is the last day of the month before it.
  return new Date(Date.UTC(y, m - months, 0)).toISOString().slice(0, 10);
}

/**
 * `count` whole months, the last of them `endingMonthsBack` months before today's:
 * `wholeMonths(today, 12)` is "last 12 months", `wholeMonths(today, 12, 13)` the 12 before those.
 */
export function wholeMonths(today: string, count: number, endingMonthsBack = 1): TransactionFilter {
  return {
    from: monthsBack(today, endingMonthsBack + count - 1),
    to: monthEndBack(today, endingMonthsBack),
  };
}

/** The dashboard's default view: the 12 whole months before the current one. */
export function defaultFilter(today: string): TransactionFilter {
  return wholeMonths(today, 12);
}

/** A category's id by its name (the starter categories every new account gets). */
export async function categoryId(client: OutlayClient, name: string): Promise<string> {
  const found = (await client.categories.list.query()).find((c) => c.name === name);
  if (!found) throw new Error(`No category ${name}`);
  return found.id;
}

export async function cardValue(page: Page, metric: string): Promise<string> {
  return (await page.locator(`[data-metric="${metric}"] [data-value]`).textContent())?.trim() ?? '';
}

/** The rows of a chart's table alternative (present in the DOM even while folded away). */
export async function chartTable(page: Page, title: string): Promise<string[][]> {
  return page
    .locator('section.chart-panel', {
      has: page.getByRole('heading', { name: title, exact: true }),
    })
    .locator('table tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => Array.from(row.children, (cell) => cell.textContent?.trim() ?? '')),
    );
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe-core in the page; returns the serious and critical violations, summarised. */
export async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Contrast is judged on the settled page: a view that just finished loading fades its figures
  // back from the dimmed "updating" state, and a scan mid-fade would measure the fade.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished)));
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy (script-src 'self')
  // rightly refuses an inline <script>, and the scan should run under the real policy.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    );
}

export async function screenshot(page: Page, name: string) {
  // From the top: a full-page shot of a scrolled page draws sticky headers mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${resultsDir}${name}.png`, fullPage: true });
}
