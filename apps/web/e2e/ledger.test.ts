/**
 * Recording money in a real browser, against the real server: quick entry by keyboard alone
 * (the cards follow at once; Ctrl+Z takes the last one back), a split edited in the drawer, a
 * bulk recategorisation of 20 rows undone from the History page after a reload. Each test
 * registers a person of its own on an empty database; the expected figures come from
 * @outlay/client asking the same server.
 */
import { presetRange } from '@outlay/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cardValue,
  categoryId,
  chartTable,
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
  waitForView,
  type Harness,
} from './harness.ts';

describe.skipIf(!hasChromium)('Recording money in Chromium', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ demo: false });
  });
  afterAll(async () => {
    await harness?.close();
  });

  const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

  it('enters purchases by keyboard alone from an empty dashboard; the cards follow, Ctrl+Z takes one back', async () => {
    const account = await registerAccount(harness.baseUrl);
    const dining = await categoryId(account.client, 'Dining');
    const { context, page, errors } = await signedInPage(harness, account, {
      path: '/?range=this-month',
      wait: false,
    });

    // A new account is invited to add its first transaction, not told no rows match.
    const welcome = page.locator('[data-empty-account]');
    await welcome.waitFor();
    await welcome.getByRole('button', { name: 'Add your first transaction' }).waitFor();
    expect(await page.getByText('No transactions match these filters').count()).toBe(0);
    await screenshot(page, 'ledger-empty-dashboard');

    // `n` opens quick entry with the focus on the amount.
    await page.locator('body').press('n');
    const dialog = page.getByRole('dialog', { name: 'Add a transaction' });
    await dialog.waitFor();
    await poll(() => focusedId(page)).toBe('quick-amount');
    await screenshot(page, 'ledger-quick-entry');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // First purchase: amount, payee, a category picked by typing, back to the payee, Enter.
    await page.keyboard.type('12.34');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Corner Cafe');
    await page.keyboard.press('Tab');
    await poll(() => focusedId(page)).toBe('quick-category');
    await page.keyboard.type('Din');
    await poll(() => page.locator('#quick-category').inputValue()).toBe(dining);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');

    // Saved, said so, and ready for the next one: empty amount, focused.
    await dialog.locator('[data-quick-saved]', { hasText: "Added 'Corner Cafe'" }).waitFor();
    await poll(() => focusedId(page)).toBe('quick-amount');
    expect(await page.locator('#quick-amount').inputValue()).toBe('');
    expect(await page.locator('#quick-payee').inputValue()).toBe('');

    // Second: the same payee brings its last category back by itself.
    await page.keyboard.type('7.66');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Corner Cafe');
    await poll(() => page.locator('#quick-category').inputValue()).toBe(dining);
    await page.keyboard.press('Enter');
    await poll(() => account.client.metrics.summary.query({ filter: {} })).toMatchObject({
      transactionCount: 2,
      totalSpend: 2_000,
    });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // The dashboard behind it followed at once: the empty state gave way to the figures.
    const filter = presetRange('this-month', harness.today);
    await waitForView(page);
    await poll(() => cardValue(page, 'totalSpend')).toBe(usd(2_000));
    expect((await chartTable(page, 'Spend by category')).map((row) => [row[0], row[1]])).toEqual([
      ['Dining', usd(2_000)],
    ]);
    const rows = (await account.client.transactions.list.query({ filter })).items;
    const byAmount = rows.map((row) => [row.payee, row.amountMinor, row.categoryName]).sort();
    expect(byAmount).toEqual([
      ['Corner Cafe', -1_234, 'Dining'],
      ['Corner Cafe', -766, 'Dining'],
    ]);
    await screenshot(page, 'ledger-dashboard-after-entry');

    // Ctrl+Z (not in a field) undoes the newest change set: the second purchase.
    await page.locator('h1').click();
    await page.keyboard.press('Control+z');
    await page.locator('[data-toast]', { hasText: "Undid: Added 'Corner Cafe'" }).waitFor();
    await poll(() => cardValue(page, 'totalSpend')).toBe(usd(1_234));
    expect((await account.client.metrics.summary.query({ filter })).totalSpend).toBe(1_234);

    // The account used is remembered for the next entry.
    const [only] = await account.client.accounts.list.query();
    expect(await page.evaluate(() => localStorage.getItem('outlay.quickEntry.accountId'))).toBe(
      only!.id,
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('takes ten purchases typed one after another without waiting, none lost or merged', async () => {
    const account = await registerAccount(harness.baseUrl);
    const { context, page, errors } = await signedInPage(harness, account, {
      path: '/history',
      wait: false,
    });
    await page.locator('.history-entry').first().waitFor();
    await page.locator('body').press('n');
    await poll(() => focusedId(page)).toBe('quick-amount');
    for (let i = 1; i <= 10; i += 1) {
      await page.keyboard.type(`${i}.0${i % 10}`);
      await page.keyboard.press('Tab');
      await page.keyboard.type(`Receipt ${i}`);
      await page.keyboard.press('Enter');
    }
    const amounts = Array.from({ length: 10 }, (_, k) => -(100 * (k + 1) + ((k + 1) % 10)));
    // Saves go out one after another; on a busy machine ten take a while.
    await expect
      .poll(
        async () =>
          (await account.client.transactions.list.query({ filter: {} })).items
            .map((row) => [row.payee, row.amountMinor])
            .sort(([a], [b]) => Number(String(a).slice(8)) - Number(String(b).slice(8))),
        { timeout: 60_000 },
      )
      .toEqual(amounts.map((minor, k) => [`Receipt ${k + 1}`, minor]));
    // Each one its own change set, listed on the page behind.
    await poll(() => page.locator('.history-entry', { hasText: /^Added 'Receipt/ }).count()).toBe(
      10,
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says when a purchase is outside the dates shown, and links to its month', async () => {
    const account = await registerAccount(harness.baseUrl);
    const { context, page, errors } = await signedInPage(harness, account);
    // The default view is the 12 whole months before this one: today is not in it.
    await page.locator('body').press('n');
    await poll(() => focusedId(page)).toBe('quick-amount');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    const saved = page.locator('[data-quick-saved]');
    await saved.getByText('not in the dates shown').waitFor();
    await saved.getByRole('link', { name: /^Show / }).click();
    await page.keyboard.press('Escape');
    await waitForView(page);
    const url = new URL(page.url());
    expect(url.searchParams.get('from')).toBe(`${harness.today.slice(0, 8)}01`);
    await poll(() => cardValue(page, 'totalSpend')).toBe(usd(300));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('records a transfer from quick entry: two rows, neither spending nor income', async () => {
    const account = await registerAccount(harness.baseUrl);
    const savings = await account.client.accounts.create.mutate({
      name: 'Savings',
      kind: 'savings',
      currency: 'USD',
    });
    const { context, page, errors } = await signedInPage(harness, account);
    await page.locator('body').press('n');
    const dialog = page.getByRole('dialog', { name: 'Add a transaction' });
    await dialog.getByRole('button', { name: /transfer between your accounts/ }).click();
    await dialog.getByLabel('To account').selectOption(savings.account.id);
    await dialog.getByLabel('Amount moved').fill('100');
    await screenshot(page, 'ledger-quick-transfer');
    await dialog.getByLabel('Amount moved').press('Enter');
    await dialog.locator('[data-quick-saved]', { hasText: 'Transferred $100.00' }).waitFor();
    const summary = await account.client.metrics.summary.query({ filter: {} });
    expect(summary).toMatchObject({ transactionCount: 2, totalSpend: 0, totalIncome: 0 });
    const rows = (await account.client.transactions.list.query({ filter: {} })).items;
    expect(rows.map((row) => [row.accountName, row.amountMinor]).sort()).toEqual([
      ['Everyday', -10_000],
      ['Savings', 10_000],
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('splits a transaction in the drawer, the sum checked live, and every figure counts each line', async () => {
    const account = await registerAccount(harness.baseUrl);
    const [groceries, dining] = await Promise.all([
      categoryId(account.client, 'Groceries'),
      categoryId(account.client, 'Dining'),
    ]);
    const [acct] = await account.client.accounts.list.query();
    const occurredOn = `${monthsBack(harness.today, 1).slice(0, 8)}10`;
    await account.client.transactions.create.mutate({
      accountId: acct!.id,
      occurredOn,
      amountMinor: -5_000,
      payee: 'Market',
      categoryId: groceries,
    });
    const { context, page, errors } = await signedInPage(harness, account, {
      path: '/transactions',
    });
    await page.getByRole('button', { name: /^Market\b.*edit$/ }).click();
    const drawer = page.getByRole('dialog', { name: 'Edit transaction' });
    await drawer.getByRole('button', { name: 'Split', exact: true }).click();
    await drawer.getByLabel('Line 1 amount').fill('35');
    const status = drawer.locator('[data-split-status]');
    await poll(() => status.textContent()).toContain(`${usd(1_500)} left to allocate`);
    await drawer.getByLabel('Line 2 category').selectOption(dining);
    await drawer.getByLabel('Line 2 amount').fill('20');
    await poll(() => status.textContent()).toContain(`${usd(500)} too much`);
    await screenshot(page, 'ledger-drawer-split');
    await drawer.getByLabel('Line 2 amount').fill('15');
    await poll(() => status.textContent()).toContain('Adds up');
    await drawer.getByRole('button', { name: 'Save' }).click();
    await drawer.waitFor({ state: 'detached' });
    await page.locator('[data-toast]', { hasText: "Changed 'Market'" }).waitFor();

    const filter = defaultFilter(harness.today);
    const byCategory = await account.client.metrics.byCategory.query({ filter });
    expect(byCategory.categories.map((c) => [c.name, c.spendMinor])).toEqual([
      ['Groceries', 3_500],
      ['Dining', 1_500],
    ]);
    // The list shows a row per line.
    await poll(() => page.locator('table.transactions tbody tr').count()).toBe(2);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('recategorises 20 rows in bulk; after a reload, undo from History brings the numbers back', async () => {
    const account = await registerAccount(harness.baseUrl);
    const [groceries, dining] = await Promise.all([
      categoryId(account.client, 'Groceries'),
      categoryId(account.client, 'Dining'),
    ]);
    const [acct] = await account.client.accounts.list.query();
    const month = monthsBack(harness.today, 1).slice(0, 8);
    for (let i = 1; i <= 24; i += 1) {
      await account.client.transactions.create.mutate({
        accountId: acct!.id,
        occurredOn: `${month}${String(1 + (i % 27)).padStart(2, '0')}`,
        amountMinor: -(100 * i + 1),
        payee: `Shop ${i}`,
        categoryId: groceries,
      });
    }
    const filter = defaultFilter(harness.today);
    const spendBy = async () =>
      (await account.client.metrics.byCategory.query({ filter })).categories.map((c) => [
        c.name,
        usd(c.spendMinor),
      ]);
    const before = await spendBy();
    expect(before).toHaveLength(1);

    const { context, page, errors } = await signedInPage(harness, account);
    expect((await chartTable(page, 'Spend by category')).map((row) => [row[0], row[1]])).toEqual(
      before,
    );

    await page.getByRole('link', { name: 'Transactions', exact: true }).click();
    await waitForView(page);
    const boxes = page.locator('table.transactions tbody input[type="checkbox"]');
    await poll(() => boxes.count()).toBe(24);
    // A click, then a shift-click 19 rows down: 20 selected.
    await boxes.nth(2).click();
    await boxes.nth(21).click({ modifiers: ['Shift'] });
    const bar = page.locator('[data-bulk-bar]');
    await poll(() => bar.locator('.bulk-count').textContent()).toBe('20 transactions selected');
    const selectedIds = await boxes.evaluateAll((inputs) =>
      inputs
        .filter((input) => (input as HTMLInputElement).checked)
        .map((input) => input.getAttribute('data-select')),
    );
    expect(selectedIds).toHaveLength(20);
    await bar.getByLabel('Category for the selected transactions').selectOption(dining);
    await screenshot(page, 'ledger-bulk-bar');
    await bar.getByRole('button', { name: 'Categorise' }).click();
    await page
      .locator('[data-toast]', {
        hasText: 'Changed the category of 20 transactions from Groceries to Dining',
      })
      .waitFor();
    await poll(() => bar.count()).toBe(0);
    const after = await spendBy();
    expect(after).not.toEqual(before);
    const listed = await account.client.transactions.list.query({ filter, limit: 100 });
    expect(
      listed.items
        .filter((row) => row.categoryId === dining)
        .map((row) => row.id)
        .sort(),
    ).toEqual([...selectedIds].sort());

    // After a reload, from the History page.
    await page.reload();
    await page.getByRole('link', { name: 'History' }).click();
    await page.getByRole('heading', { name: 'History' }).waitFor();
    const found = page.locator('.history-entry', {
      hasText: /^Changed the category of 20 transactions from Groceries to Dining/,
    });
    await found.waitFor();
    const entry = page.locator(
      `.history-entry[data-change-set="${await found.getAttribute('data-change-set')}"]`,
    );
    await screenshot(page, 'ledger-history');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await entry.getByRole('button', { name: /^Undo/ }).click();
    await poll(() => entry.getAttribute('data-undone')).toBe('true');
    await page.locator('[data-toast]', { hasText: 'Undid: Changed the category' }).waitFor();

    // Every number is back.
    expect(await spendBy()).toEqual(before);
    await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
    await waitForView(page);
    await poll(async () =>
      (await chartTable(page, 'Spend by category')).map((row) => [row[0], row[1]]),
    ).toEqual(before);

    // Undoing it again is refused with the server's reason, and changes nothing.
    await page.getByRole('link', { name: 'History' }).click();
    const undone = page.locator('.history-entry[data-undone="true"]').first();
    await undone.waitFor();
    expect(await undone.getByRole('button').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('selects all rows matching the filter beyond the loaded page, deletes them, and the toast’s Undo brings them back', async () => {
    const account = await registerAccount(harness.baseUrl);
    const [acct] = await account.client.accounts.list.query();
    const month = monthsBack(harness.today, 2).slice(0, 8);
    for (let i = 1; i <= 60; i += 1) {
      await account.client.transactions.create.mutate({
        accountId: acct!.id,
        occurredOn: `${month}${String(1 + (i % 28)).padStart(2, '0')}`,
        amountMinor: -100 * i,
        payee: `Stall ${i}`,
      });
    }
    const filter = defaultFilter(harness.today);
    const before = await account.client.metrics.summary.query({ filter });
    expect(before.transactionCount).toBe(60);

    const { context, page, errors } = await signedInPage(harness, account, {
      path: '/transactions',
    });
    await page.getByLabel('Select every transaction shown').check();
    const note = page.locator('[data-select-all]');
    await poll(() => note.textContent()).toContain('All 50 transactions shown are selected.');
    await note.getByRole('button', { name: 'Select all matching the filter' }).click();
    await poll(() => note.textContent()).toContain(
      'All 60 transactions matching the filter are selected',
    );
    const bar = page.locator('[data-bulk-bar]');
    expect(await bar.locator('.bulk-count').textContent()).toBe('60 transactions selected');
    await screenshot(page, 'ledger-select-all');
    await bar.getByRole('button', { name: 'Delete…' }).click();
    await bar.getByRole('button', { name: 'Delete 60 transactions' }).click();
    const toast = page.locator('[data-toast="done"]', { hasText: 'Deleted 60 transactions' });
    await toast.waitFor();
    await poll(
      async () => (await account.client.metrics.summary.query({ filter })).transactionCount,
    ).toBe(0);
    await toast.getByRole('button', { name: 'Undo' }).click();
    await page.locator('[data-toast]', { hasText: 'Undid: Deleted 60 transactions' }).waitFor();
    expect(await account.client.metrics.summary.query({ filter })).toEqual(before);
    await waitForView(page);
    await poll(() => page.locator('[data-total="totalSpend"] [data-value]').textContent()).toBe(
      usd(before.totalSpend),
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refuses to undo a change whose rows changed since, in the server’s words, and changes nothing', async () => {
    const account = await registerAccount(harness.baseUrl);
    const [acct] = await account.client.accounts.list.query();
    const dining = await categoryId(account.client, 'Dining');
    const created = await account.client.transactions.create.mutate({
      accountId: acct!.id,
      occurredOn: `${monthsBack(harness.today, 1).slice(0, 8)}05`,
      amountMinor: -1_250,
      payee: 'Noodle Bar',
    });
    const id = created.transactions[0]!.id;
    const first = await account.client.transactions.update.mutate({
      id,
      patch: { categoryId: dining },
    });
    await account.client.transactions.update.mutate({ id, patch: { payee: 'Noodle House' } });

    const { context, page, errors } = await signedInPage(harness, account, {
      path: '/history',
      wait: false,
    });
    const entry = page.locator(`.history-entry[data-change-set="${first.changeSetId}"]`);
    await entry.waitFor();
    await entry.getByRole('button', { name: /^Undo/ }).click();
    const refused = page.locator('[data-toast="error"]');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(
      /^Cannot undo ".+": .+ changed after it\. Nothing was undone\./,
    );
    expect(await entry.getAttribute('data-undone')).toBe('false');
    expect(await account.client.transactions.get.query({ id })).toMatchObject({
      payee: 'Noodle House',
      categoryId: dining,
    });
    await screenshot(page, 'ledger-undo-conflict');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows quick entry, its toast and the history usably on a phone, in the dark', async () => {
    const account = await registerAccount(harness.baseUrl);
    const { context, page, errors } = await signedInPage(harness, account, {
      path: '/history',
      wait: false,
      viewport: PHONE,
      colorScheme: 'dark',
    });
    await page.getByRole('heading', { name: 'History' }).waitFor();
    await page.locator('.history-entry').first().waitFor();
    await screenshot(page, 'ledger-history-phone');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a transaction' });
    await dialog.waitFor();
    await screenshot(page, 'ledger-quick-entry-phone');
    // A refused amount is said beside the field, and nothing is sent.
    await page.keyboard.type('12.345');
    await page.keyboard.press('Enter');
    await dialog.getByText('Use at most 2 decimal places').waitFor();
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await dialog.locator('[data-quick-saved]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-toast="done"]', { hasText: 'Added a transaction' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'ledger-toast-phone-dark');
    expect((await account.client.metrics.summary.query({ filter: {} })).totalSpend).toBe(1_234);
    expect(errors).toEqual([]);
    await context.close();
  });
});
