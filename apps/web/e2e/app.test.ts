/**
 * The product in a real browser: Debian's Chromium, the built app, a real server and database.
 * Every expected number comes from @outlay/client asking the same server for the same filter.
 */
import {
  createOutlayClient,
  outlayErrorCode,
  type OutlayClient,
  type TransactionFilter,
} from '@outlay/client';
import { fromEpochDay, toEpochDay } from '@outlay/contracts';
import { DEMO_USERS } from '@outlay/db';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  cardValue,
  chartTable,
  chromiumPath,
  defaultFilter,
  e2eRequired,
  hasChromium,
  newPage,
  parseUsd,
  PHONE,
  poll,
  screenshot,
  seriousAxeViolations,
  signInThroughUi,
  startHarness,
  usd,
  waitForView,
  watchBearerTokens,
  webStorage,
  wholeMonths,
  type Harness,
} from './harness.ts';

if (!hasChromium) {
  const message =
    `E2E SUITE NOT RUN: Chromium is missing at ${chromiumPath}. ` +
    'Install it (apt-get install chromium) or set CHROMIUM_PATH; the browser tests were skipped, not passed.';
  console.warn(`\n${message}\n`);
  if (e2eRequired) {
    it('runs the end-to-end suite (OUTLAY_REQUIRE_E2E=1)', () => {
      throw new Error(message);
    });
  }
}

const john = DEMO_USERS[0]!.email;
/** Retries an assertion while the page catches up (15 s: CI machines are slow). */
describe.skipIf(!hasChromium)('Outlay in Chromium', () => {
  let harness: Harness;
  let johnApi: OutlayClient;

  beforeAll(async () => {
    harness = await startHarness();
    johnApi = await apiClient(harness.baseUrl, john);
  });
  afterAll(async () => {
    await harness?.close();
  });

  /** Spend per category as the bar chart's table shows it, for comparing with the API. */
  async function expectChartsToMatch(page: Page, client: OutlayClient, filter: TransactionFilter) {
    const [byCategory, overTime] = await Promise.all([
      client.metrics.byCategory.query({ filter }),
      client.metrics.overTime.query({ filter, granularity: 'auto' }),
    ]);
    expect((await chartTable(page, 'Spend by category')).map((row) => [row[0], row[1]])).toEqual(
      byCategory.categories.map((c) => [c.name, usd(c.spendMinor)]),
    );
    expect((await chartTable(page, 'Spend over time')).map((row) => row[1])).toEqual(
      overTime.buckets.map((b) => usd(b.spendMinor)),
    );
  }

  async function expectCardsToMatch(page: Page, client: OutlayClient, filter: TransactionFilter) {
    const summary = await client.metrics.summary.query({ filter });
    expect({
      totalSpend: await cardValue(page, 'totalSpend'),
      averageMonthlySpend: await cardValue(page, 'averageMonthlySpend'),
      averageTransaction: await cardValue(page, 'averageTransaction'),
    }).toEqual({
      totalSpend: usd(summary.totalSpend),
      averageMonthlySpend: usd(summary.averageMonthlySpend),
      averageTransaction: usd(summary.averageTransaction),
    });
    return summary;
  }

  it('signs in each demo person; cards and charts equal what @outlay/client returns', async () => {
    for (const demo of DEMO_USERS) {
      const { context, page, errors } = await newPage(harness);
      const trpcRequests: Request[] = [];
      page.on('request', (request) => {
        if (
          new URL(request.url()).pathname.startsWith('/trpc/') &&
          !request.url().includes('auth.login')
        ) {
          trpcRequests.push(request);
        }
      });
      await page.goto('/');
      await signInThroughUi(page, demo.email);
      await waitForView(page);
      await poll(() => page.locator('[data-view-state]').getAttribute('data-view-state')).toBe(
        'ready',
      );

      const client = await apiClient(harness.baseUrl, demo.email);
      const filter = defaultFilter(harness.today);
      const summary = await expectCardsToMatch(page, client, filter);
      expect(await page.locator('[data-period]').textContent()).toContain('Last 12 months');

      // The change against the 12 whole months before those, as the API computes both periods.
      const previous = await client.metrics.summary.query({
        filter: wholeMonths(harness.today, 12, 13),
      });
      const ratio = Math.abs(summary.totalSpend - previous.totalSpend) / previous.totalSpend;
      // One rule for percentages: always one decimal.
      const percent = new Intl.NumberFormat('en-US', {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(ratio);
      const delta =
        (await page
          .locator('[data-metric="totalSpend"] .delta [aria-hidden="true"]')
          .textContent()) ?? '';
      expect(delta).toBe(`${summary.totalSpend >= previous.totalSpend ? '▲' : '▼'} ${percent}`);

      // Top categories, in order, with their exact amounts.
      const top = await page
        .locator('[data-metric="topCategories"] li')
        .evaluateAll((items) =>
          items.map((li) => [
            li.querySelector('.top-name')?.textContent,
            li.querySelector('.top-amount')?.textContent,
          ]),
        );
      expect(top).toEqual(summary.topCategories.map((c) => [c.name, usd(c.spendMinor)]));
      await expectChartsToMatch(page, client, filter);

      // One batched HTTP request drew the whole dashboard.
      expect(trpcRequests.map((r) => new URL(r.url()).pathname)).toHaveLength(1);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it('changes every card and chart for each kind of filter, keeping old numbers while loading', async () => {
    const { context, page, errors } = await newPage(harness);
    await page.goto('/');
    await signInThroughUi(page, john);
    await waitForView(page);
    const categories = await johnApi.categories.list.query();
    const groceries = categories.find((c) => c.name === 'Groceries')!;
    let filter: TransactionFilter;
    let before = await cardValue(page, 'totalSpend');

    // Date preset — with the API slowed down, the old figures stay on screen until the new arrive.
    let requests = 0;
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/trpc/')) requests += 1;
    });
    await page.route('**/trpc/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      await route.continue();
    });
    await page.getByLabel('Date range').selectOption('last-3-months');
    await page.waitForURL(/range=last-3-months/);
    await poll(() => page.getByText('Updating…').isVisible()).toBe(true);
    expect(await cardValue(page, 'totalSpend')).toBe(before);
    expect(await page.locator('[data-view-state]').getAttribute('data-view-state')).toBe('loading');
    await waitForView(page);
    await page.unroute('**/trpc/**');
    expect(requests).toBe(1);
    filter = wholeMonths(harness.today, 3);
    await expectCardsToMatch(page, johnApi, filter);
    await expectChartsToMatch(page, johnApi, filter);
    expect(await cardValue(page, 'totalSpend')).not.toBe(before);
    before = await cardValue(page, 'totalSpend');

    // Category
    await page.getByRole('button', { name: /^Categories/ }).click();
    await page.getByRole('checkbox', { name: 'Groceries' }).check();
    await page.keyboard.press('Escape');
    await page.waitForURL(new RegExp(`categoryIds=${groceries.id}`));
    await waitForView(page);
    filter = { ...filter, categoryIds: [groceries.id] };
    await expectCardsToMatch(page, johnApi, filter);
    await expectChartsToMatch(page, johnApi, filter);
    expect((await chartTable(page, 'Spend by category')).map((row) => row[0])).toEqual([
      'Groceries',
    ]);
    expect(await cardValue(page, 'totalSpend')).not.toBe(before);
    before = await cardValue(page, 'totalSpend');

    // Amount: typed in dollars, sent as exact cents.
    await page.getByLabel('Min amount').fill('50.10');
    await page.getByLabel('Min amount').press('Enter');
    await page.waitForURL(/minAmount=5010/);
    await waitForView(page);
    filter = { ...filter, minAmount: 5010 };
    await expectCardsToMatch(page, johnApi, filter);
    await expectChartsToMatch(page, johnApi, filter);
    expect(await cardValue(page, 'totalSpend')).not.toBe(before);
    before = await cardValue(page, 'totalSpend');

    // Search (debounced): clear the amount, then search on payee and description.
    await page.getByRole('button', { name: 'Reset filters' }).click();
    await page.waitForURL((url) => url.search === '');
    await page.getByLabel('Search').fill('costco');
    await page.waitForURL(/search=costco/);
    await waitForView(page);
    filter = { ...defaultFilter(harness.today), search: 'costco' };
    await expectCardsToMatch(page, johnApi, filter);
    await expectChartsToMatch(page, johnApi, filter);
    expect(await cardValue(page, 'totalSpend')).not.toBe(before);

    // Granularity switch: the same spend, regrouped by week.
    await page.getByRole('radio', { name: 'Week' }).check();
    await page.waitForURL(/granularity=week/);
    await waitForView(page);
    const weekly = await johnApi.metrics.overTime.query({ filter, granularity: 'week' });
    expect((await chartTable(page, 'Spend over time')).map((row) => row[1])).toEqual(
      weekly.buckets.map((b) => usd(b.spendMinor)),
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('drills from a bar, a time bucket and a card into exactly the transactions behind them', async () => {
    const { context, page, errors } = await newPage(harness);
    await page.goto('/');
    await signInThroughUi(page, john);
    await waitForView(page);

    // A category bar, clicked with the mouse.
    const groceriesRow = (await chartTable(page, 'Spend by category')).find(
      (row) => row[0] === 'Groceries',
    )!;
    const clicked = groceriesRow[1]!;
    await page.locator('g.bar-row[data-category="Groceries"] rect').nth(1).click();
    await page.waitForURL(/\/transactions\?/);
    await waitForView(page);
    expect(await page.locator('[data-total="totalSpend"] [data-value]').textContent()).toBe(
      clicked,
    );
    await poll(() => page.locator('[data-total="totalSpend"]').textContent()).toContain(
      'The figure you opened',
    );
    // Every row behind the number: page through them all and add them up.
    while (await page.getByRole('button', { name: /^Load \d+ more$/ }).isVisible()) {
      const count = await page.locator('table.transactions tbody tr').count();
      await page.getByRole('button', { name: /^Load \d+ more$/ }).click();
      await poll(() => page.locator('table.transactions tbody tr').count()).toBeGreaterThan(count);
    }
    const amounts = await page.locator('table.transactions tbody td.amount').allTextContents();
    const categoriesShown = new Set(
      await page.locator('table.transactions tbody td.col-category').allTextContents(),
    );
    expect([...categoriesShown]).toEqual(['Groceries']);
    expect(usd(-amounts.map(parseUsd).reduce((sum, a) => sum + a, 0))).toBe(clicked);
    expect(await page.getByText(/^Showing [\d,]+ of [\d,]+$/).textContent()).toBe(
      `Showing ${amounts.length.toLocaleString('en-US')} of ${amounts.length.toLocaleString('en-US')}`,
    );

    // Sorting by amount: largest spending first, announced with aria-sort.
    await page.getByRole('button', { name: /^Amount/ }).click();
    await page.waitForURL(/sort=amount-asc/);
    await waitForView(page);
    expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain('Amount');
    const sorted = (await page.locator('table.transactions tbody td.amount').allTextContents()).map(
      parseUsd,
    );
    expect(sorted).toEqual([...sorted].sort((a, b) => a - b));

    // A time bucket, reached with the keyboard: focus the chart, End, Enter.
    await page.goBack();
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/');
    await waitForView(page);
    const buckets = await chartTable(page, 'Spend over time');
    const lastBucket = buckets.at(-1)!;
    await page.getByRole('group', { name: /^Spend per month/ }).focus();
    await page.keyboard.press('End');
    await poll(() => page.locator('.tooltip-amount').textContent()).toBe(lastBucket[1]);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/transactions\?from=/);
    await waitForView(page);
    expect(await page.locator('[data-total="totalSpend"] [data-value]').textContent()).toBe(
      lastBucket[1],
    );

    // Metric cards: total spend and average monthly spend land on the same figures.
    await page.goto('/');
    await waitForView(page);
    for (const metric of ['totalSpend', 'averageMonthlySpend', 'averageTransaction']) {
      const value = await cardValue(page, metric);
      await page.locator(`[data-metric="${metric}"] [data-value]`).click();
      await page.waitForURL(new RegExp(`focus=${metric}`));
      await waitForView(page);
      expect(await page.locator(`[data-total="${metric}"] [data-value]`).textContent()).toBe(value);
      expect(await page.locator(`[data-total="${metric}"]`).getAttribute('class')).toContain(
        'is-focused',
      );
      await page.goBack();
      await waitForView(page);
    }

    // A donut slice: "Uncategorized" is only the rows without a category.
    const uncategorized = (await chartTable(page, 'Share of spend')).find(
      (row) => row[0] === 'Uncategorized',
    )!;
    await page.locator('path.slice[data-category="Uncategorized"]').click();
    await page.waitForURL(/includeUncategorized=true/);
    expect(new URL(page.url()).searchParams.has('categoryIds')).toBe(false);
    await waitForView(page);
    expect(await page.locator('[data-total="totalSpend"] [data-value]').textContent()).toBe(
      uncategorized[2],
    );
    expect(
      new Set(await page.locator('table.transactions tbody td.col-category').allTextContents()),
    ).toEqual(new Set(['Uncategorized']));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('goes to a date in one request, pages on from there, and back to the newest', async () => {
    const { context, page, errors } = await newPage(harness);
    await signInThroughUi(page, john, undefined, '/transactions?range=all-time');
    await waitForView(page);
    const ids = () =>
      page
        .locator('table.transactions tbody [data-select]')
        .evaluateAll((boxes) => boxes.map((box) => box.getAttribute('data-select')));
    const { rangeFrom, rangeTo } = await johnApi.metrics.summary.query({ filter: {} });
    const middle = fromEpochDay(Math.floor((toEpochDay(rangeFrom!) + toEpochDay(rangeTo!)) / 2));
    const lists: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('transactions.list')) lists.push(request.url());
    });

    await page.getByLabel('Go to date').fill(middle);
    await page.getByLabel('Go to date').press('Enter');
    await page.waitForURL(new RegExp(`at=${middle}`));
    await waitForView(page);
    const from = await johnApi.transactions.list.query({ filter: {}, limit: 50, startAt: middle });
    expect(from.items[0]!.occurredOn <= middle).toBe(true);
    expect(await ids()).toEqual(from.items.map((item) => item.id));
    expect(lists).toHaveLength(1);
    await poll(() => page.locator('.table-panel .panel-header > p').textContent()).toMatch(
      /^Showing 50 from \w{3} \d{1,2}, \d{4} back, of [\d,]+\. Back to the newest$/,
    );

    // Load more pages on from the jump, exactly as the API's cursor does.
    await page.getByRole('button', { name: /^Load \d+ more$/ }).click();
    await poll(() => page.locator('table.transactions tbody tr').count()).toBe(100);
    const next = await johnApi.transactions.list.query({
      filter: {},
      limit: 50,
      cursor: from.nextCursor,
    });
    expect(await ids()).toEqual([...from.items, ...next.items].map((item) => item.id));
    await screenshot(page, 'transactions-from-a-date');

    await page.getByRole('button', { name: 'Back to the newest' }).click();
    await page.waitForURL((url) => !url.searchParams.has('at'));
    await waitForView(page);
    const newest = await johnApi.transactions.list.query({ filter: {}, limit: 50 });
    expect(await ids()).toEqual(newest.items.map((item) => item.id));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reopens a bookmarked link with filters as the same view, also after signing in again', async () => {
    const { context, page } = await newPage(harness);
    await page.goto('/');
    await signInThroughUi(page, john);
    await waitForView(page);
    await page.getByLabel('Date range').selectOption('year-to-date');
    await page.waitForURL(/range=year-to-date/);
    await page.getByRole('button', { name: /^Categories/ }).click();
    await page.getByRole('checkbox', { name: 'Transport' }).check();
    await page.getByRole('checkbox', { name: 'Uncategorized' }).check();
    await page.getByRole('button', { name: 'Done' }).click();
    await page.getByLabel('Max amount').fill('200');
    await page.getByLabel('Max amount').press('Enter');
    await page.waitForURL(/maxAmount=20000/);
    await page.getByRole('radio', { name: 'Week' }).check();
    await page.waitForURL(/granularity=week/);
    await waitForView(page);
    const bookmark = page.url();
    const shown = {
      total: await cardValue(page, 'totalSpend'),
      average: await cardValue(page, 'averageTransaction'),
      bars: await chartTable(page, 'Spend by category'),
    };

    await page.reload();
    await waitForView(page);
    expect(page.url()).toBe(bookmark);
    expect(await page.getByLabel('Date range').inputValue()).toBe('year-to-date');
    expect(await page.getByLabel('Max amount').inputValue()).toBe('200.00');
    expect(await page.getByRole('button', { name: /^Categories/ }).textContent()).toContain(
      '2 categories',
    );
    expect(await page.getByRole('radio', { name: 'Week' }).isChecked()).toBe(true);
    expect({
      total: await cardValue(page, 'totalSpend'),
      average: await cardValue(page, 'averageTransaction'),
      bars: await chartTable(page, 'Spend by category'),
    }).toEqual(shown);

    // A new browser profile has no session: sign in, and the link still opens the same view.
    const fresh = await newPage(harness);
    await fresh.page.goto(bookmark);
    await signInThroughUi(fresh.page, john);
    await waitForView(fresh.page);
    expect(fresh.page.url()).toBe(bookmark);
    expect(await cardValue(fresh.page, 'totalSpend')).toBe(shown.total);
    await fresh.context.close();
    await context.close();
  });

  it('falls back to defaults for a bad or stale link and says so', async () => {
    const { context, page, errors } = await newPage(harness);
    await page.goto('/');
    await signInThroughUi(page, john);
    await waitForView(page);
    const defaults = await cardValue(page, 'totalSpend');

    await page.goto('/?from=2025-13-45&to=2025-01-01&minAmount=-3&granularity=hourly&search=');
    await poll(() => page.getByRole('status').first().textContent()).toContain('couldn’t use');
    await waitForView(page);
    expect(new URL(page.url()).search).toBe('');
    expect(await cardValue(page, 'totalSpend')).toBe(defaults);

    // A category id from another person's link (or a deleted category).
    const stranger = '5a3c1b52-4a0e-4d83-9d8b-6f4a1f0f2e11';
    await page.goto(`/?categoryIds=${stranger}`);
    await poll(() => page.locator('.notice').allTextContents()).toContain(
      'The categories in this link no longer exist, so all categories are shown.Dismiss',
    );
    await waitForView(page);
    expect(await cardValue(page, 'totalSpend')).toBe(defaults);
    const notices = await page.locator('.notice').count();
    await page.locator('.notice').first().getByRole('button', { name: 'Dismiss' }).click();
    await poll(() => page.locator('.notice').count()).toBe(notices - 1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a wrong password in place, and signs in with the right one', async () => {
    const { context, page } = await newPage(harness);
    await page.goto('/');
    await signInThroughUi(page, john, 'not-the-password');
    await poll(() => page.getByRole('alert').textContent()).toBe('Incorrect email or password.');
    expect(await page.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    expect(await webStorage(page)).toEqual({});
    await page.getByLabel('Password').fill('password123');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await waitForView(page);
    await context.close();
  });

  it('signs out every tab: back to sign-in, and the API refuses the old token', async () => {
    const { context, page } = await newPage(harness);
    const tokens = watchBearerTokens(page);
    await page.goto('/');
    await signInThroughUi(page, DEMO_USERS[1]!.email);
    await waitForView(page);
    const token = tokens.at(-1);
    expect(token).toEqual(expect.any(String));
    const withOldToken = createOutlayClient({ url: harness.baseUrl, token: token! });
    expect((await withOldToken.auth.me.query()).email).toBe(DEMO_USERS[1]!.email);
    // A second tab of the same browser signs itself in from the shared refresh cookie.
    const tab = await context.newPage();
    await tab.goto('/transactions');
    await waitForView(tab);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await poll(() => page.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
    expect(await page.getByRole('status').textContent()).toContain('You have signed out.');
    expect(await webStorage(page)).toEqual({ 'local:outlay.signedIn': 'signed-out' });
    // The other tab follows at once, without waiting for a refused request.
    await poll(() => tab.getByRole('heading', { name: 'Sign in' }).isVisible()).toBe(true);
    expect(await tab.getByRole('status').textContent()).toContain('You have signed out.');
    const refused = await withOldToken.auth.me.query().then(
      () => 'accepted',
      (error: unknown) => outlayErrorCode(error),
    );
    expect(refused).toBe('UNAUTHORIZED');
    await context.close();
  });

  it('keeps the access token in memory only: a reload restores the session from the refresh cookie', async () => {
    const { context, page, errors } = await newPage(harness);
    const trpcCalls: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/trpc/')) trpcCalls.push(url.pathname.slice('/trpc/'.length));
    });
    const tokens = watchBearerTokens(page);
    await page.goto('/transactions?range=last-30-days');
    await signInThroughUi(page, DEMO_USERS[2]!.email);
    await waitForView(page);
    const first = tokens.at(-1)!;

    // Neither Web Storage area holds the token (only the "signed in" hint), and no script can
    // read the refresh cookie (HttpOnly).
    const storage = await webStorage(page);
    expect(storage).toEqual({ 'local:outlay.signedIn': '1' });
    expect(JSON.stringify(storage)).not.toContain(first.slice(-20));
    expect(await page.evaluate(() => document.cookie)).toBe('');
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: '__Host-outlay_refresh', httpOnly: true, secure: true });

    // A reload forgets the token; the refresh cookie brings the session and the same view back,
    // without the sign-in page.
    trpcCalls.length = 0;
    await page.reload();
    await waitForView(page);
    expect(trpcCalls[0]).toBe('auth.refresh');
    expect(await page.getByRole('heading', { name: 'Transactions', exact: true }).isVisible()).toBe(
      true,
    );
    expect(await webStorage(page)).toEqual({ 'local:outlay.signedIn': '1' });
    const restored = tokens.at(-1)!;

    // The session is revoked elsewhere (signed out on another device): the next request is
    // refused, one refresh is tried and refused, and the sign-in page says why. No loop.
    await createOutlayClient({ url: harness.baseUrl, token: restored }).auth.logout.mutate();
    trpcCalls.length = 0;
    await page.getByLabel('Date range').selectOption('this-month');
    await poll(() => page.getByRole('status').textContent()).toContain(
      'Your session has ended, please sign in again',
    );
    await page.waitForTimeout(1_500);
    expect(trpcCalls).toEqual([expect.stringContaining('metrics.summary'), 'auth.refresh']);

    // Signed in again, then the refresh cookie is lost: a reload tries it once and says so.
    await signInThroughUi(page, DEMO_USERS[2]!.email);
    await waitForView(page);
    await context.clearCookies();
    trpcCalls.length = 0;
    await page.reload();
    await poll(() => page.getByRole('status').textContent()).toContain(
      'Your session has ended, please sign in again',
    );
    expect(trpcCalls).toEqual(['auth.refresh']);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refreshes the access token silently a minute before it expires, by the browser’s clock', async () => {
    const { context, page, errors } = await newPage(harness);
    // A browser clock 20 minutes fast: the token's lifetime, not the server's timestamp, decides.
    await page.clock.install({ time: Date.now() + 20 * 60_000 });
    const refreshes: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/trpc/auth.refresh') refreshes.push(request.url());
    });
    const tokens = watchBearerTokens(page);
    await page.goto('/');
    await signInThroughUi(page, john);
    await waitForView(page);
    await page.waitForTimeout(500);
    expect(refreshes).toHaveLength(0);

    // Nine minutes on (access tokens live ten): one refresh, and the next request carries the
    // new token.
    await page.clock.runFor(9 * 60_000 + 1_000);
    await poll(() => refreshes.length).toBe(1);
    await page.waitForTimeout(500);
    expect(refreshes).toHaveLength(1);
    await page.getByLabel('Date range').selectOption('this-month');
    await waitForView(page);
    const latest = tokens.at(-1)!;
    const claims = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sid: string };
    expect(claims(latest).sid).toBe(claims(tokens[0]!).sid);
    expect(await page.getByRole('heading', { name: 'Dashboard' }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no serious or critical axe issues, in light and dark, and keeps screenshots', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const viewport of colorScheme === 'light' ? [undefined] : [PHONE]) {
        const suffix = `${viewport ? 'phone' : 'wide'}-${colorScheme}`;
        const { context, page } = await newPage(harness, {
          colorScheme,
          ...(viewport ? { viewport } : {}),
        });
        await page.goto('/');
        await page.getByLabel('Email').waitFor();
        expect({ page: 'sign-in', suffix, violations: await seriousAxeViolations(page) }).toEqual({
          page: 'sign-in',
          suffix,
          violations: [],
        });
        await screenshot(page, `sign-in-${suffix}`);

        await signInThroughUi(page, john);
        await waitForView(page);
        await page
          .locator('details.chart-table')
          .evaluateAll((all) => all.forEach((d) => d.setAttribute('open', '')));
        expect({ page: 'dashboard', suffix, violations: await seriousAxeViolations(page) }).toEqual(
          {
            page: 'dashboard',
            suffix,
            violations: [],
          },
        );
        await page
          .locator('details.chart-table')
          .evaluateAll((all) => all.forEach((d) => d.removeAttribute('open')));
        await screenshot(page, `dashboard-${suffix}`);

        await page.goto('/transactions?range=last-30-days');
        await waitForView(page);
        expect({
          page: 'transactions',
          suffix,
          violations: await seriousAxeViolations(page),
        }).toEqual({
          page: 'transactions',
          suffix,
          violations: [],
        });
        await screenshot(page, `transactions-${suffix}`);
        await context.close();
      }
    }
  });
});
