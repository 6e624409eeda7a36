/**
 * Importing bank files in a real browser, against the real server: a CSV chosen on the Import
 * page is previewed (one of its rows matches a purchase typed by hand), one decision is flipped,
 * the import is committed and shows on the dashboard, and Undo from the list of imports takes it
 * all back; then an OFX file goes into a second account. The expected figures come from
 * @outlay/client asking the same server.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cardValue,
  hasChromium,
  signedInPage,
  poll,
  registerAccount,
  screenshot,
  seriousAxeViolations,
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

  it('previews a CSV against a purchase typed by hand, takes a flipped decision, commits and undoes; reads an OFX into the account of its currency', async () => {
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

    const { context, page, errors } = await signedInPage(harness, account, { path: '/import' });
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

    // An OFX statement in Canadian dollars: refused in words for the US dollar account, read into
    // a Canadian one, where its three rows are new.
    const { account: chequing } = await account.client.accounts.create.mutate({
      name: 'Chequing',
      kind: 'checking',
      currency: 'CAD',
    });
    await page.goto('/import');
    await waitForView(page);
    const ofx = {
      name: 'bank_medium.ofx',
      mimeType: 'application/x-ofx',
      buffer: readFileSync(
        new URL('../../../packages/importers/fixtures/ofxparse/bank_medium.ofx', import.meta.url),
      ),
    };
    await page.getByLabel('Into the account').selectOption({ label: 'Everyday (USD)' });
    await page.locator('#import-file').setInputFiles(ofx);
    await poll(() => page.locator('.panel .form-error').textContent()).toBe(
      "The file's transactions are in CAD, but the account 'Everyday' is in USD: choose an account in CAD",
    );
    expect(await preview.count()).toBe(0);
    await page.getByLabel('Into the account').selectOption({ label: 'Chequing (CAD)' });
    await page.locator('#import-file').setInputFiles(ofx);
    await preview.waitFor();
    expect(await preview.locator('[data-counts]').textContent()).toBe(
      '3 rows: 3 new, 0 already imported, 0 probable matches, 0 possible matches.',
    );
    expect(await preview.locator('header').textContent()).toContain('OFX');
    await preview.getByRole('button', { name: 'Import: add 3, merge 0, skip 0' }).click();
    await page.locator('[data-imported]').waitFor();
    const ofxRows = await account.client.transactions.list.query({
      filter: { accountIds: [chequing.id] },
    });
    // Newest first, as the bank wrote them (the facts the fixture's README lists).
    expect(ofxRows.items.map((row) => [row.occurredOn, row.amountMinor, row.payee])).toEqual([
      ['2009-04-03', -2_200, "CONNIE'S HAIR D"],
      ['2009-04-02', -31_667, "Joe's Bald Hairstyles"],
      ['2009-04-01', -660, "MCDONALD'S #112"],
    ]);
    // The list of imports follows once the write's refetch lands.
    await poll(() => page.locator('[data-batch="committed"]').count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
