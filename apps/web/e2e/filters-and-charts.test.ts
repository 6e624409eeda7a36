/**
 * What a new user ran into on the dashboard, in a real browser against a real server: typed
 * dates, ranges and granularities the server refuses or the chart cannot draw, partial periods,
 * the comparison period, the monthly average of a week, number formats, and the filter bar's
 * layout under an error. Expected figures come from @outlay/client asking the same server.
 */
import { MAX_DATE, MIN_DATE } from '@outlay/contracts';
import type { OutlayClient } from '@outlay/client';
import { DEMO_USERS } from '@outlay/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  cardValue,
  chartTable,
  hasChromium,
  newPage,
  poll,
  signInThroughUi,
  startHarness,
  usd,
  waitForView,
  type Harness,
} from './harness.ts';

const john = DEMO_USERS[0]!.email;
/** Every date in the inputs of the page's tRPC requests, to check what was sent. */
function watchSentDates(page: Page): string[] {
  const dates: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/trpc/')) return;
    const text = `${url.searchParams.get('input') ?? ''}${request.postData() ?? ''}`;
    for (const match of text.matchAll(/"(\d{4,6}-\d{2}-\d{2})"/g)) dates.push(match[1]!);
  });
  return dates;
}

async function signedIn(harness: Harness, path: string, options = {}) {
  const opened = await newPage(harness, options);
  await opened.page.goto('/');
  await signInThroughUi(opened.page, john);
  await waitForView(opened.page);
  await opened.page.goto(path);
  await waitForView(opened.page);
  return opened;
}

describe.skipIf(!hasChromium)('The dashboard’s edges in Chromium', () => {
  let harness: Harness;
  let johnApi: OutlayClient;

  beforeAll(async () => {
    harness = await startHarness();
    johnApi = await apiClient(harness.baseUrl, john);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('never sends a half-typed or out-of-range date, says in place what it refused, and drops the order error once the dates are in order', async () => {
    const { context, page, errors } = await signedIn(harness, '/?from=2025-07-01&to=2025-09-30');
    const sent = watchSentDates(page);
    const from = page.getByLabel('From', { exact: true });
    const to = page.getByLabel('To', { exact: true });

    // Click into the middle of the field and type a date as digits, the way the person did.
    const box = (await from.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.type('11152026');
    await page.waitForTimeout(1_500);
    await waitForView(page);
    const url = new URL(page.url());
    expect(url.searchParams.get('from')! >= MIN_DATE).toBe(true);
    expect(url.searchParams.get('from')! <= MAX_DATE).toBe(true);
    expect(await page.locator('[data-period]').textContent()).not.toMatch(
      /\b(0\d{3}|1[0-8]\d\d)\b/,
    );
    expect(sent.filter((date) => date < MIN_DATE || date > MAX_DATE)).toEqual([]);
    expect(await from.getAttribute('min')).toBe(MIN_DATE);
    expect(await from.getAttribute('max')).toBe(MAX_DATE);

    // A whole date outside Outlay's dates: refused beside the field, never sent.
    const before = page.url();
    await from.fill('0202-01-01');
    await from.press('Enter');
    await poll(() => page.locator('.date-range-errors').textContent()).toBe(
      'Start date: Enter a date from Jan 1, 1900 to Dec 31, 2100.',
    );
    expect(page.url()).toBe(before);
    expect(sent.filter((date) => date < MIN_DATE || date > MAX_DATE)).toEqual([]);

    // Out of order: said in place and not sent; putting the end after it sends both.
    await from.fill('2025-10-15');
    await from.press('Enter');
    await poll(() => page.locator('.date-range-errors').textContent()).toBe(
      'The start date must be on or before the end date.',
    );
    expect(page.url()).toBe(before);
    await to.fill('2025-10-31');
    await to.press('Enter');
    await page.waitForURL(/from=2025-10-15&to=2025-10-31/);
    await waitForView(page);
    expect(await page.locator('.date-range-errors').count()).toBe(0);
    expect(await cardValue(page, 'totalSpend')).toBe(
      usd(
        (await johnApi.metrics.summary.query({ filter: { from: '2025-10-15', to: '2025-10-31' } }))
          .totalSpend,
      ),
    );

    // An order error left behind by a preset and back is gone too.
    await from.fill('2025-11-30');
    await from.press('Enter');
    await page.locator('.date-range-errors').waitFor();
    await page.getByLabel('Date range').selectOption('last-30-days');
    await waitForView(page);
    await page.getByLabel('Date range').selectOption('custom');
    await waitForView(page);
    expect(await page.locator('.date-range-errors').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the charts drawn whatever the range: too many points fall back to auto and say so', async () => {
    // A century by day: 73,414 points, more than a chart may have. The link falls back.
    const { context, page, errors } = await signedIn(
      harness,
      '/?from=1900-01-01&to=2100-12-31&granularity=day',
    );
    await poll(() => page.locator('.notice').allTextContents()).toContainEqual(
      expect.stringContaining('chart by day, more than 2,500 points'),
    );
    await page.waitForURL((url) => !url.searchParams.has('granularity'));
    await waitForView(page);
    expect(await chartTable(page, 'Spend over time')).toHaveLength(201 * 12);
    expect(await page.getByRole('radio', { name: /^Day/ }).isDisabled()).toBe(true);
    expect(await page.getByRole('radio', { name: /^Month/ }).isDisabled()).toBe(false);

    // An open range only the server can measure: it refuses, the page falls back and says so.
    await page.goto('/?from=1900-01-01&granularity=day');
    await poll(() => page.locator('.notice').allTextContents()).toContainEqual(
      expect.stringContaining(
        'Spend by day over this range would be more than 2,500 points, so the chart groups it automatically.',
      ),
    );
    await page.waitForURL((url) => !url.searchParams.has('granularity'));
    await waitForView(page);
    expect(await page.locator('.chart-panel .error-box').count()).toBe(0);

    // The most a chart may have, 2,500 days, is drawn.
    await page.goto('/?from=2020-01-01&to=2026-11-04&granularity=day');
    await waitForView(page);
    await page.locator('.over-time svg.chart-svg').waitFor();
    expect(await chartTable(page, 'Spend over time')).toHaveLength(2_500);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the rest of the page when one chart cannot be drawn', async () => {
    const { context, page, errors } = await signedIn(harness, '/');
    // An answer the chart cannot draw (a bucket whose date is not a date), from the real server.
    await page.route('**/trpc/**', async (route) => {
      const response = await route.fetch();
      const procedures = new URL(route.request().url()).pathname.slice(6).split(',');
      const at = procedures.indexOf('metrics.overTime');
      if (at === -1) return route.fulfill({ response });
      const body = (await response.json()) as {
        result: { data: { buckets: { from: string }[] } };
      }[];
      body[at]!.result.data.buckets[0]!.from = 'not a date';
      return route.fulfill({ response, json: body });
    });
    await page.getByLabel('Date range').selectOption('last-3-months');
    const overTime = page.locator('section.chart-failed');
    await poll(() => overTime.textContent()).toContain('This chart could not be drawn.');
    expect(await overTime.getByRole('heading').textContent()).toBe('Spend over time');
    // Figures and the other charts are still there.
    expect(await cardValue(page, 'totalSpend')).toMatch(/^\$[\d,]+\.\d{2}$/);
    expect(await chartTable(page, 'Spend by category')).not.toHaveLength(0);
    await page.unroute('**/trpc/**');
    await overTime.getByRole('button', { name: 'Try again' }).click();
    await page.locator('.over-time svg.chart-svg').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('draws partial weeks as partial and leaves them out of highest and lowest', async () => {
    const { context, page } = await signedIn(harness, '/?range=year-to-date&granularity=week');
    const rows = await chartTable(page, 'Spend over time');
    const weekly = await johnApi.metrics.overTime.query({
      filter: { from: `${harness.today.slice(0, 4)}-01-01`, to: harness.today },
      granularity: 'week',
    });
    expect(rows.map((row) => row[1])).toEqual(weekly.buckets.map((b) => usd(b.spendMinor)));
    const partial = rows.filter((row) => row[0]!.endsWith('(partial week)'));
    // The week in progress is partial unless today is a Sunday; January 1st's unless a Monday.
    const lastIsWhole = new Date(`${harness.today}T00:00:00Z`).getUTCDay() === 0;
    expect(partial.length).toBeGreaterThanOrEqual(lastIsWhole ? 0 : 1);
    for (const row of partial) expect([rows[0], rows.at(-1)]).toContainEqual(row);
    if (partial.length > 0) {
      expect(await page.locator('path.series-line.is-partial').count()).toBeGreaterThan(0);
      expect(await page.locator('.chart-legend-note').textContent()).toContain(
        'Dashed: a partial week',
      );
      const summary = (await page.locator('.over-time .chart-summary').textContent()) ?? '';
      const named = /highest (.+?) \(.*lowest (.+?) \(/.exec(summary);
      for (const row of partial) {
        const label = row[0]!.replace(' (partial week)', '');
        expect(summary).toContain(`${label}`);
        expect([named?.[1], named?.[2]]).not.toContain(label);
      }
    }
    await context.close();
  });

  it('compares the same dates with the same period, whether a preset or typed, and names the presets by what they cover', async () => {
    const { context, page } = await signedIn(harness, '/?range=year-to-date');
    const shown = async () => ({
      comparedWith: await page.locator('.section-heading p').textContent(),
      change: await page.locator('[data-metric="totalSpend"] .card-change').textContent(),
    });
    const preset = await shown();
    await page.goto(`/?from=${harness.today.slice(0, 4)}-01-01&to=${harness.today}`);
    await waitForView(page);
    expect(await shown()).toEqual(preset);

    const options = await page.getByLabel('Date range').locator('option').allTextContents();
    expect(options).toEqual([
      'This month so far',
      'Last month',
      'Last 30 days',
      'Last 3 months',
      'Last 12 months',
      'Year to date',
      'All time',
      'Custom range',
    ]);
    await context.close();
  });

  it('has no monthly average for a week, and labels what each average divides by', async () => {
    // A Monday-to-Sunday week inside one month, a few months back.
    const { context, page } = await signedIn(harness, '/?from=2026-06-08&to=2026-06-14');
    const card = page.locator('[data-metric="averageMonthlySpend"]');
    expect(await card.locator('[data-value]').textContent()).toBe('—');
    expect(await card.textContent()).toContain('None for part of one month');
    expect(await cardValue(page, 'totalSpend')).not.toBe('—');

    const summary = await johnApi.metrics.summary.query({
      filter: { from: '2026-06-08', to: '2026-06-14' },
    });
    const purchases = `${summary.purchaseCount} purchase${summary.purchaseCount === 1 ? '' : 's'}`;
    expect(
      await page.locator('[data-metric="averageTransaction"] .card-detail').textContent(),
    ).toBe(`per purchase, over ${purchases}`);
    await page.goto('/transactions?from=2026-06-08&to=2026-06-14');
    await waitForView(page);
    expect(await page.locator('[data-total="averageTransaction"]').textContent()).toContain(
      `per purchase, over ${purchases}`,
    );
    expect(
      await page.locator('[data-total="averageMonthlySpend"] [data-value]').textContent(),
    ).toBe('—');
    await context.close();
  });

  it('writes money with its cents, every percentage with one decimal, and counts with their nouns', async () => {
    const { context, page } = await signedIn(harness, '/?from=2026-06-10&to=2026-06-10');
    // One day: "1 day", never "1 days".
    expect(await page.locator('.over-time .chart-summary').textContent()).toMatch(/, 1 day:/);
    await page.goto('/?range=last-month');
    await waitForView(page);
    const money = /^-?\$(\d{1,3}(,\d{3})*\.\d{2}|\d+(\.\d)?K)$/;
    for (const text of await page.locator('.bar-value').allTextContents())
      expect(text).toMatch(money);
    const total = await page.locator('.donut-total').textContent();
    expect(total).toMatch(money);
    for (const text of [
      ...(await page.locator('.top-share').allTextContents()),
      ...(await page.locator('.legend-value').allTextContents()),
      ...(await page.locator('.delta [aria-hidden="true"]').allTextContents()),
    ]) {
      expect(text).toMatch(/\d+\.\d%$/);
    }
    await context.close();
  });

  it('keeps the filter bar in place when an amount error appears', async () => {
    const { context, page } = await signedIn(harness, '/?from=2026-03-01&to=2026-03-31');
    const tops = () =>
      page
        .locator('.filters input, .filters select, .filters .select-button')
        .evaluateAll((all) => all.map((e) => Math.round(e.getBoundingClientRect().top)));
    const before = await tops();
    await page.getByLabel('Min amount').fill('50');
    await page.getByLabel('Min amount').press('Enter');
    await page.waitForURL(/minAmount=5000/);
    await page.getByLabel('Max amount').fill('10');
    await page.getByLabel('Max amount').press('Enter');
    await poll(() => page.locator('.amount-field .field-error').textContent()).toBe(
      'Max can’t be less than min',
    );
    expect(await tops()).toEqual(before);
    await context.close();
  });
});
