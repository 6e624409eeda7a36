/**
 * Exporting in a real browser, against the real server: "Export CSV" on the dashboard and on the
 * transactions view downloads the rows of the filter on screen, and the file the browser saves
 * is exactly what @outlay/client gets from the same server for that filter.
 */
import { presetRange, type TransactionFilter } from '@outlay/contracts';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasChromium,
  signedInPage,
  registerAccount,
  screenshot,
  seriousAxeViolations,
  startHarness,
  waitForView,
  type Account,
  type Harness,
} from './harness.ts';

const BYTE_ORDER_MARK = '\uFEFF';

async function apiExport(account: Account, filter: TransactionFilter): Promise<string> {
  const stream = await account.client.exports.transactionsCsv.query({ filter });
  let text = '';
  for await (const piece of stream) text += piece;
  return text;
}

/** Clicks Export CSV and reads the file the browser saved: its name and its text. */
async function exportThroughUi(page: Page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

describe.skipIf(!hasChromium)('Exporting transactions in Chromium', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ demo: false });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('downloads the rows of the filter on screen, from the dashboard and from the transactions view', async () => {
    const account = await registerAccount(harness.baseUrl);
    const [everyday] = await account.client.accounts.list.query();
    const categories = await account.client.categories.list.query();
    const id = (name: string) => categories.find((c) => c.name === name)!.id;
    const day = harness.today;
    await account.client.transactions.create.mutate({
      accountId: everyday!.id,
      occurredOn: day,
      amountMinor: -6_000,
      payee: 'Market',
      splits: [
        { categoryId: id('Groceries'), amountMinor: -5_000 },
        { categoryId: id('Dining'), amountMinor: -1_000, memo: 'lunch' },
      ],
    });
    await account.client.transactions.create.mutate({
      accountId: everyday!.id,
      occurredOn: day,
      amountMinor: -1_250,
      payee: '=1+2',
      categoryId: id('Dining'),
    });

    const { context, page, errors } = await signedInPage(harness, account, {
      path: '/?range=this-month',
    });

    // While the file is being made, the button says so and cannot be pressed twice: the answer
    // is held back for a moment on its way to the page to see it.
    await page.route('**/trpc/exports.transactionsCsv**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    const button = page.locator('[data-export-state]');
    const downloaded = exportThroughUi(page);
    await button.and(page.locator('[data-export-state="busy"]')).waitFor();
    expect(await button.isDisabled()).toBe(true);
    expect(await button.getAttribute('aria-busy')).toBe('true');
    expect((await button.textContent())?.trim()).toMatch(/^Exporting…/);
    await screenshot(page, 'export-busy');
    const dashboard = await downloaded;
    await page.unroute('**/trpc/exports.transactionsCsv**');
    await button.and(page.locator('[data-export-state="idle"]')).waitFor();
    expect((await button.textContent())?.trim()).toBe('Export CSV');

    expect(dashboard.name).toBe(`outlay-transactions-${day}.csv`);
    const month = presetRange('this-month', day);
    const expected = await apiExport(account, { from: month.from!, to: month.to! });
    expect(dashboard.text).toBe(BYTE_ORDER_MARK + expected);
    const lines = dashboard.text.slice(1).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(1 + 3);
    expect(lines.filter((line) => line.includes(',Market,'))).toHaveLength(2);
    expect(lines.find((line) => line.includes('1+2'))).toContain(",'=1+2,");
    await screenshot(page, 'export-idle');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The transactions view, narrowed by a search: only the receipt's two lines.
    await page.goto('/transactions?range=this-month&search=Market');
    await waitForView(page);
    const list = await exportThroughUi(page);
    expect(list.name).toBe(`outlay-transactions-${day}.csv`);
    expect(list.text).toBe(
      BYTE_ORDER_MARK +
        (await apiExport(account, { from: month.from!, to: month.to!, search: 'Market' })),
    );
    const rows = list.text.slice(1).split('\r\n').filter(Boolean).slice(1);
    expect(rows.map((row) => row.split(',').slice(0, 3).join(','))).toEqual([
      `${day},Everyday,Market`,
      `${day},Everyday,Market`,
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
