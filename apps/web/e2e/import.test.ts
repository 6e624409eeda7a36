/**
 * Importing a bank file in a real browser, against the real server: a CSV chosen on the Import
 * page is previewed (one of its rows matches a purchase typed by hand), one decision is flipped,
 * the import is committed and shows on the dashboard, and Undo from the list of imports takes it
 * all back. The expected figures come from @outlay/client asking the same server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cardValue,
  hasChromium,
  newPage,
  poll,
  registerAccount,
  screenshot,
  seriousAxeViolations,
  signInThroughUi,
  startHarness,
  usd,
  waitForView,
  type Harness,
} from './harness.ts';

describe.skipIf(!hasChromium)('Importing a bank file in Chromium', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ demo: false });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('previews a CSV against a purchase typed by hand, takes a flipped decision, commits, and undoes', async () => {
    const account = await registerAccount(harness.baseUrl);
    const [everyday] = await account.client.accounts.list.query();
    const day = harness.today;
    await account.client.transactions.create.mutate({
      accountId: everyday!.id,
      occurredOn: day,
      amountMinor: -450,
      payee: 'Coffee',
    });
    const csv = [
      'Date,Payee,Amount',
      `${day},Coffee Bar,-4.50`,
      `${day},Bookshop,-20.00`,
      `${day},Salary,2500.00`,
    ].join('\n');

    const { context, page, errors } = await newPage(harness);
    await signInThroughUi(page, account.email, account.password, '/import');
    await waitForView(page);
    await page.getByText('No imports yet.').waitFor();
    await page.getByLabel('Into the account').selectOption({ label: 'Everyday (USD)' });
    await page.locator('#import-file').setInputFiles({
      name: 'january.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });

    const preview = page.locator('[data-preview]');
    await preview.waitFor();
    expect(await preview.locator('[data-counts]').textContent()).toBe(
      '3 rows: 2 new, 0 already imported, 1 probable match, 0 possible matches.',
    );
    await poll(() => preview.locator('table tbody tr').count()).toBe(3);
    const coffee = preview.locator('tbody tr', { hasText: 'Coffee Bar' });
    expect(await coffee.textContent()).toContain('a similar payee');
    const button = preview.getByRole('button', { name: /^Import:/ });
    expect(await button.textContent()).toBe('Import: add 2, merge 1, skip 0');
    await screenshot(page, 'import-preview');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The person says the bank's coffee is not the one they typed: skip it.
    await coffee.getByRole('combobox').selectOption({ label: 'Skip' });
    expect(await button.textContent()).toBe('Import: add 2, merge 0, skip 1');
    await button.click();
    await page.locator('[data-imported]').waitFor();
    expect(await page.locator('[data-imported]').textContent()).toContain(
      '2 new, 0 merged, 1 skipped',
    );
    await poll(() => page.locator('[data-toast="done"]').last().textContent()).toContain(
      'Imported 2 transactions from january.csv',
    );
    const summary = await account.client.metrics.summary.query({ filter: {} });
    expect([summary.transactionCount, summary.totalSpend, summary.totalIncome]).toEqual([
      3, 2_450, 250_000,
    ]);

    // The dashboard shows it.
    await page.goto('/?range=this-month');
    await waitForView(page);
    expect(await cardValue(page, 'totalSpend')).toBe(usd(2_450));

    // Undo from the list of imports: back to the one purchase typed by hand.
    await page.goto('/import');
    await waitForView(page);
    await page.getByRole('button', { name: 'Undo the import of january.csv' }).click();
    await page.locator('[data-batch="undone"]').waitFor();
    await poll(() => account.client.metrics.summary.query({ filter: {} })).toMatchObject({
      transactionCount: 1,
      totalSpend: 450,
      totalIncome: 0,
    });
    await page.goto('/?range=this-month');
    await waitForView(page);
    expect(await cardValue(page, 'totalSpend')).toBe(usd(450));
    expect(errors).toEqual([]);
    await context.close();
  });
});
