/**
 * Editing a row of the transactions table in place, in a real browser against the real server:
 * by keyboard alone (`e` on a row, Tab through its fields, Enter), the totals follow and the
 * toast's Undo restores it; Escape — and a Save with nothing changed — write nothing (no new
 * change set); a transfer offers only what it can change, a split line opens the drawer, and a
 * refusal is shown in the row in the server's words. Expected figures come from @outlay/client.
 */
import type { OutlayClient } from '@outlay/client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  categoryId,
  defaultFilter,
  hasChromium,
  monthsBack,
  signedInPage,
  PHONE,
  poll,
  registerAccount,
  screenshot,
  seriousAxeViolations,
  startHarness,
  usd,
  type Harness,
} from './harness.ts';

describe.skipIf(!hasChromium)('Editing a row in place, in Chromium', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ demo: false });
  });
  afterAll(async () => {
    await harness?.close();
  });

  /** Two purchases last month: Market $50.00 (Groceries) and Cafe $12.00 (Dining). */
  async function seed(client: OutlayClient) {
    const [groceries, dining] = await Promise.all([
      categoryId(client, 'Groceries'),
      categoryId(client, 'Dining'),
    ]);
    const [acct] = await client.accounts.list.query();
    const month = monthsBack(harness.today, 1).slice(0, 8);
    const market = await client.transactions.create.mutate({
      accountId: acct!.id,
      occurredOn: `${month}10`,
      amountMinor: -5_000,
      payee: 'Market',
      categoryId: groceries,
    });
    await client.transactions.create.mutate({
      accountId: acct!.id,
      occurredOn: `${month}12`,
      amountMinor: -1_200,
      payee: 'Cafe',
      categoryId: dining,
    });
    return { groceries, dining, account: acct!, marketId: market.transactions[0]!.id };
  }

  const focused = (page: Page) =>
    page.evaluate(() => {
      const active = document.activeElement;
      return active?.id || active?.getAttribute('data-inline-edit') || active?.tagName || '';
    });
  const totalSpend = (page: Page) =>
    page.locator('[data-total="totalSpend"] [data-value]').textContent();
  /** A row by its payee, pinned by its entry (while edited, the payee is a field's value). */
  async function rowOf(page: Page, payee: string, account?: string) {
    let found = page.locator('table.transactions tbody tr', { hasText: payee });
    if (account) found = found.filter({ hasText: account });
    const entry = await found.first().getAttribute('data-entry');
    return page.locator(`table.transactions tbody tr[data-entry="${entry}"]`);
  }
  /** Tab until the field with this id has the focus (a date field tabs through its parts). */
  async function tabTo(page: Page, id: string) {
    for (let i = 0; i < 4 && (await focused(page)) !== id; i += 1) {
      await page.keyboard.press('Tab');
    }
    expect(await focused(page)).toBe(id);
  }

  it('edits a row’s amount and category by keyboard; the totals follow, Undo from the toast restores it', async () => {
    const account = await registerAccount(harness.baseUrl);
    const { groceries, dining, marketId } = await seed(account.client);
    const filter = defaultFilter(harness.today);
    const { context, page, errors } = await signedInPage(harness, account, {
      path: '/transactions',
    });
    await poll(() => totalSpend(page)).toBe(usd(6_200));

    // `e` on a row (here its checkbox has the focus) turns it into fields, the date first.
    const market = await rowOf(page, 'Market');
    const entry = await market.getAttribute('data-entry');
    expect(entry).toBe(marketId);
    await market.locator('input[type="checkbox"]').focus();
    await page.keyboard.press('e');
    await poll(() => focused(page)).toBe('inline-date');
    expect(await page.locator('#inline-amount').inputValue()).toBe('50.00');
    expect(await page.locator('#inline-category').inputValue()).toBe(groceries);
    // The fields carry their names for screen readers.
    expect(await page.getByLabel('Payee', { exact: true }).inputValue()).toBe('Market');

    await tabTo(page, 'inline-payee');
    await tabTo(page, 'inline-category');
    await page.keyboard.type('Din');
    await poll(() => page.locator('#inline-category').inputValue()).toBe(dining);
    await page.keyboard.press('Tab'); // the sign button
    await tabTo(page, 'inline-amount');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('20');
    await screenshot(page, 'inline-edit-wide');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');

    const toast = page.locator('[data-toast="done"]', { hasText: "Changed 'Market'" });
    await toast.waitFor();
    // The row is a row again, the focus back on its Edit button, and the totals followed.
    await poll(() => page.locator('#inline-amount').count()).toBe(0);
    await poll(() => focused(page)).toBe(marketId);
    await poll(() => totalSpend(page)).toBe(usd(3_200));
    await poll(() => market.locator('td.amount').textContent()).toBe(usd(-2_000));
    expect(await market.locator('.col-category').textContent()).toBe('Dining');
    const saved = await account.client.transactions.get.query({ id: marketId });
    expect([saved.amountMinor, saved.categoryId, saved.payee]).toEqual([-2_000, dining, 'Market']);
    // Only what changed was sent: one change set, saying so.
    const history = await account.client.history.list.query({ limit: 5 });
    expect(history.items[0]!.description).toMatch(/^Changed 'Market'/);

    await toast.getByRole('button', { name: 'Undo' }).click();
    await page.locator('[data-toast]', { hasText: "Undid: Changed 'Market'" }).waitFor();
    await poll(() => totalSpend(page)).toBe(usd(6_200));
    await poll(() => market.locator('.col-category').textContent()).toBe('Groceries');
    const restored = await account.client.transactions.get.query({ id: marketId });
    expect([restored.amountMinor, restored.categoryId]).toEqual([-5_000, groceries]);
    expect((await account.client.metrics.summary.query({ filter })).totalSpend).toBe(6_200);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('cancels with Escape, and a Save with nothing changed, writing nothing', async () => {
    const account = await registerAccount(harness.baseUrl);
    const { marketId } = await seed(account.client);
    const before = await account.client.history.list.query({ limit: 50 });
    const { context, page, errors } = await signedInPage(harness, account, {
      path: '/transactions',
    });
    const market = await rowOf(page, 'Market');

    // The Edit button, by keyboard; change the amount and payee, then Escape.
    await market.getByRole('button', { name: /^Edit Market on .* in place$/ }).focus();
    await page.keyboard.press('Enter');
    await poll(() => focused(page)).toBe('inline-date');
    await page.locator('#inline-amount').fill('99');
    await page.locator('#inline-payee').fill('Changed my mind');
    await page.locator('#inline-payee').press('Escape');
    await poll(() => page.locator('#inline-amount').count()).toBe(0);
    await poll(() => focused(page)).toBe(marketId);
    expect(await market.locator('td.amount').textContent()).toBe(usd(-5_000));

    // A double-click opens it; Save with nothing changed closes it without a write.
    await market.locator('td.amount').dblclick();
    await poll(() => focused(page)).toBe('inline-date');
    await page.locator('[data-inline-save]').click();
    await poll(() => page.locator('#inline-amount').count()).toBe(0);
    await poll(() => focused(page)).toBe(marketId);

    const after = await account.client.history.list.query({ limit: 50 });
    expect(after.items.map((item) => item.id)).toEqual(before.items.map((item) => item.id));
    const row = await account.client.transactions.get.query({ id: marketId });
    expect([row.amountMinor, row.payee]).toEqual([-5_000, 'Market']);
    expect(await page.locator('[data-toast]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('on a phone: a transfer offers date, payee and amount; a split line opens the drawer; a refusal shows in the row', async () => {
    const account = await registerAccount(harness.baseUrl);
    const { groceries, dining, account: everyday, marketId } = await seed(account.client);
    const savings = await account.client.accounts.create.mutate({
      name: 'Savings',
      kind: 'savings',
      currency: 'USD',
    });
    const month = monthsBack(harness.today, 1).slice(0, 8);
    await account.client.transfers.create.mutate({
      fromAccountId: everyday.id,
      toAccountId: savings.account.id,
      occurredOn: `${month}15`,
      amountMinor: 10_000,
      payee: 'To savings',
    });
    await account.client.transactions.create.mutate({
      accountId: everyday.id,
      occurredOn: `${month}20`,
      amountMinor: -3_000,
      payee: 'Superstore',
      splits: [
        { categoryId: groceries, amountMinor: -2_000 },
        { categoryId: dining, amountMinor: -1_000 },
      ],
    });
    const { context, page, errors } = await signedInPage(harness, account, {
      path: '/transactions',
      viewport: PHONE,
    });

    // The outgoing side of the transfer: no category, its direction kept, and the UI says why.
    const out = await rowOf(page, 'To savings', 'Everyday');
    await out.getByRole('button', { name: /in place$/ }).click();
    await poll(() => focused(page)).toBe('inline-date');
    expect(await out.locator('select').count()).toBe(0);
    expect(await out.getByRole('button', { name: /switch to money/ }).count()).toBe(0);
    await out.getByText('A transfer with Savings').waitFor();
    await page.locator('#inline-amount').fill('125');
    await screenshot(page, 'inline-edit-phone-transfer');
    await page.locator('#inline-amount').press('Enter');
    await page.locator('[data-toast="done"]', { hasText: /^Changed/ }).waitFor();
    const rows = (await account.client.transactions.list.query({ filter: {} })).items;
    expect(
      rows
        .filter((row) => row.transfer)
        .map((row) => [row.accountName, row.amountMinor])
        .sort(),
    ).toEqual([
      ['Everyday', -12_500],
      ['Savings', 12_500],
    ]);

    // A phone has no room for fields side by side: the row is one cell with every field, labelled.
    const market = await rowOf(page, 'Market');
    await market.getByRole('button', { name: /in place$/ }).click();
    await poll(() => focused(page)).toBe('inline-date');
    expect(await market.locator('td').count()).toBe(1);
    expect(await page.getByLabel('Category', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByLabel('Payee', { exact: true }).isVisible()).toBe(true);
    await screenshot(page, 'inline-edit-phone');
    // Nothing sticks out of the page sideways.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);
    // Deleted elsewhere meanwhile: the Save is refused, in the server's words, in the row.
    await account.client.transactions.delete.mutate({ ids: [marketId] });
    await page.locator('#inline-amount').fill('51');
    await page.locator('#inline-amount').press('Enter');
    await market.getByRole('alert').getByText('Transaction not found').waitFor();
    expect(await page.locator('#inline-amount').count()).toBe(1);
    await page.locator('#inline-amount').press('Escape');
    await poll(() => page.locator('#inline-amount').count()).toBe(0);

    // A line of a split is not edited in place: its Edit opens the drawer with every line.
    const line = await rowOf(page, 'Superstore');
    await line.getByRole('button', { name: /a line of a split, edited in the drawer$/ }).click();
    const drawer = page.getByRole('dialog', { name: 'Edit transaction' });
    await drawer.waitFor();
    expect(await drawer.getByLabel('Line 2 amount').inputValue()).toBe('10.00');
    expect(errors).toEqual([]);
    await context.close();
  });
});
