/**
 * Managing categories and accounts in Chromium: a category made in a group, another dragged into
 * it with the mouse and a third with the keyboard, the dashboard by group and its drill-down, a
 * merge whose confirmation counts the rows and whose result the dashboard follows at once, a
 * refused delete in the server's words, and an account created, changed and archived. Expected
 * numbers come from @outlay/client asking the same server.
 */
import type { OutlayClient, TransactionFilter } from '@outlay/client';
import { DEMO_USERS } from '@outlay/db';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  chartTable,
  defaultFilter,
  hasChromium,
  newPage,
  signedInPage,
  PHONE,
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

// Without Chromium this suite is skipped; app.test.ts says so (and fails under OUTLAY_REQUIRE_E2E=1).
const john = DEMO_USERS[0]!.email;
describe.skipIf(!hasChromium)('Categories and accounts in Chromium', () => {
  let harness: Harness;
  let api: OutlayClient;

  beforeAll(async () => {
    harness = await startHarness();
    api = await apiClient(harness.baseUrl, john);
  });
  afterAll(async () => {
    await harness?.close();
  });

  async function categoryId(name: string): Promise<string> {
    const found = (await api.categories.list.query()).find((c) => c.name === name);
    if (!found) throw new Error(`No category named ${name}`);
    return found.id;
  }

  async function parentOf(name: string): Promise<string | null> {
    return (await api.categories.list.query()).find((c) => c.name === name)?.parentId ?? null;
  }

  async function openFromNav(page: Page, label: string) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click();
    // The page that was there is ready too: wait for this one's heading first.
    await page.getByRole('heading', { level: 1, name: label }).waitFor();
    await waitForView(page);
  }

  /** The bar chart's table as [name, spend] pairs. */
  async function spendRows(page: Page): Promise<[string, string][]> {
    return (await chartTable(page, 'Spend by category')).map((row) => [row[0]!, row[1]!]);
  }

  /** Elements that stick out past the right edge of the window: a phone layout has none. */
  async function overflowing(page: Page): Promise<string[]> {
    return page.evaluate(() =>
      Array.from(document.querySelectorAll('body *'))
        .filter((element) => {
          // Inside a scrolling box (the nav, a wide table) is allowed to be wider.
          for (let up = element.parentElement; up; up = up.parentElement) {
            const overflow = getComputedStyle(up).overflowX;
            if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') return false;
          }
          return element.getBoundingClientRect().right > window.innerWidth + 1;
        })
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
    );
  }

  async function expectedRows(filter: TransactionFilter, groupBy: 'category' | 'group') {
    const answer = await api.metrics.byCategory.query({ filter, groupBy });
    return answer.categories.map((c): [string, string] => [c.name, usd(c.spendMinor)]);
  }

  it('groups categories by form, mouse and keyboard; the dashboard shows and drills into groups', async () => {
    const { context, page, errors } = await newPage(harness);
    await page.goto('/');
    await signInThroughUi(page, john);
    await waitForView(page);
    await openFromNav(page, 'Categories');
    expect(page.url()).toMatch(/\/categories$/);

    // A new top-level category: a group once something is in it.
    const form = page.locator('section', {
      has: page.getByRole('heading', { name: 'New category' }),
    });
    await form.getByLabel('Name').fill('Household');
    await form.getByRole('button', { name: 'Add category' }).click();
    await poll(() => page.locator('[data-toast="done"]').last().textContent()).toContain(
      'Household',
    );
    const household = await categoryId('Household');

    // A category made straight into the group, with a colour of its own.
    await form.getByLabel('Name').fill('Cleaning');
    await form.getByLabel('Group').selectOption({ label: 'Household' });
    await form.getByRole('radio', { name: 'Purple' }).check();
    await form.getByRole('button', { name: 'Add category' }).click();
    await poll(() =>
      page.locator('[data-group="Household"] [data-category="Cleaning"]').count(),
    ).toBe(1);
    const cleaning = (await api.categories.list.query()).find((c) => c.name === 'Cleaning')!;
    expect([cleaning.parentId, cleaning.color]).toEqual([household, '#b07aa1']);

    // Groceries dragged into Household with the mouse.
    const handle = page.getByRole('button', { name: 'Move Groceries to a group' });
    const from = (await handle.boundingBox())!;
    const target = (await page
      .locator('[data-group="Household"] .category-row')
      .first()
      .boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 8, { steps: 3 });
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
    await page.mouse.up();
    await poll(() => parentOf('Groceries')).toBe(household);
    await poll(() =>
      page.locator('[data-group="Household"] [data-category="Groceries"]').count(),
    ).toBe(1);
    await poll(() => page.locator('[data-toast="done"]').last().textContent()).toContain(
      'Groceries',
    );

    // Utilities moved with the keyboard alone: Space picks it up, arrows jump between groups.
    await page.getByRole('button', { name: 'Move Utilities to a group' }).focus();
    await page.keyboard.press('Space');
    // The keyboard sensor starts listening for arrows in a timer it sets while handling Space, and
    // Chromium runs queued key presses before timers: one more timer, run after the sensor's,
    // means the first arrow is not lost.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    const live = page.locator('[id^="DndLiveRegion"]');
    // Each arrow key moves to the next target up; its announcement comes a render later, so the
    // next key waits for it rather than reading a stale one and overshooting.
    for (let step = 0; step < 12; step += 1) {
      const before = await live.textContent();
      if (before?.includes('Utilities would go into Household')) break;
      await page.keyboard.press('ArrowUp');
      await poll(() => live.textContent()).not.toBe(before);
    }
    expect(await live.textContent()).toContain('Utilities would go into Household');
    await page.keyboard.press('Space');
    await poll(() => parentOf('Utilities')).toBe(household);
    await poll(() => live.textContent()).toContain('Utilities dropped into Household');
    // The row is drawn anew under its group, and the keyboard carries on from its handle.
    await poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Move Utilities to a group',
    );

    // A group cannot go into another group: its handle is not there to drag.
    expect(await page.getByRole('button', { name: 'Move Household to a group' }).count()).toBe(0);
    await screenshot(page, 'categories');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // The dashboard by group, kept in the URL, equal to the API's answer.
    await openFromNav(page, 'Dashboard');
    const filter = defaultFilter(harness.today);
    await page.getByRole('radio', { name: 'Groups' }).check();
    await page.waitForURL(/groupBy=group/);
    await waitForView(page);
    expect(await spendRows(page)).toEqual(await expectedRows(filter, 'group'));
    const byGroup = await api.metrics.byCategory.query({ filter, groupBy: 'group' });
    const householdSpend = byGroup.categories.find((c) => c.categoryId === household)!.spendMinor;
    const parts = await api.metrics.byCategory.query({ filter });
    expect(householdSpend).toBe(
      parts.categories
        .filter((c) => c.name === 'Groceries' || c.name === 'Utilities')
        .reduce((sum, c) => sum + c.spendMinor, 0),
    );
    await page.reload();
    await waitForView(page);
    expect(await page.getByRole('radio', { name: 'Groups' }).isChecked()).toBe(true);
    await screenshot(page, 'dashboard-by-group');

    // A group's bar opens the transactions of every category in it.
    await page.locator('g.bar-row[data-category="Household"] rect').nth(1).click();
    await page.waitForURL(/\/transactions\?/);
    await waitForView(page);
    const ids = new URL(page.url()).searchParams.get('categoryIds')!.split(',');
    expect(ids.sort()).toEqual(
      [household, cleaning.id, await categoryId('Groceries'), await categoryId('Utilities')].sort(),
    );
    expect(await page.locator('[data-total="totalSpend"] [data-value]').textContent()).toBe(
      usd(householdSpend),
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('merges after counting the rows that move (the dashboard follows at once), deletes only an unused category, archives and brings back', async () => {
    const { context, page, errors } = await newPage(harness);
    await page.goto('/');
    await signInThroughUi(page, john);
    await waitForView(page);
    const filter = defaultFilter(harness.today);
    // The dashboard's numbers are cached before the merge: they must not survive it.
    const before = await api.metrics.byCategory.query({ filter });
    const spendOf = (name: string) => before.categories.find((c) => c.name === name)!.spendMinor;
    expect(await spendRows(page)).toEqual(await expectedRows(filter, 'category'));

    await openFromNav(page, 'Categories');
    const technology = await categoryId('Technology');
    const rows = await api.metrics.summary.query({ filter: { categoryIds: [technology] } });
    expect(rows.transactionCount).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Edit Technology' }).click();
    const editor = page.locator('[data-category-editor="Technology"]');
    await editor.getByLabel('Merge into').selectOption({ label: 'Education' });
    await editor.getByRole('button', { name: 'Merge…' }).click();
    const confirm = editor.getByRole('group', { name: 'Confirm merge' });
    await poll(() => confirm.textContent()).toContain(
      `Move ${rows.transactionCount.toLocaleString('en-US')} transactions from 'Technology' to 'Education'`,
    );
    await screenshot(page, 'categories-merge');
    await confirm.getByRole('button', { name: 'Merge', exact: true }).click();
    await poll(() => page.locator('[data-toast="done"]').last().textContent()).toContain(
      'Technology',
    );
    await poll(() => page.locator('[data-category="Technology"]').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('categories-title');

    // Back on the dashboard (no reload): Technology's spend is Education's now.
    await openFromNav(page, 'Dashboard');
    await poll(() => spendRows(page)).toEqual(await expectedRows(filter, 'category'));
    const after = await spendRows(page);
    expect(after.find(([name]) => name === 'Technology')).toBeUndefined();
    expect(after.find(([name]) => name === 'Education')![1]).toBe(
      usd(spendOf('Education') + spendOf('Technology')),
    );

    // A category in use cannot be deleted: the server says why, and nothing changes.
    await openFromNav(page, 'Categories');
    await page.getByRole('button', { name: 'Edit Transport' }).click();
    const transport = page.locator('[data-category-editor="Transport"]');
    await transport.getByRole('button', { name: 'Delete…' }).click();
    await transport.getByRole('button', { name: 'Delete', exact: true }).click();
    await poll(() => transport.getByRole('alert').first().textContent()).toMatch(
      /'Transport' is used by [\d,]+ transactions/,
    );
    expect((await api.categories.list.query()).some((c) => c.name === 'Transport')).toBe(true);

    // Archived: out of the tree, into the Archived section.
    await transport.getByRole('button', { name: 'Archive', exact: true }).click();
    await poll(() =>
      page.locator('[data-archived-categories] [data-category="Transport"]').count(),
    ).toBe(1);
    expect((await api.categories.list.query()).find((c) => c.name === 'Transport')!.archived).toBe(
      true,
    );
    // An unused category is deleted; an archived one comes back.
    const form = page.locator('section', {
      has: page.getByRole('heading', { name: 'New category' }),
    });
    await form.getByLabel('Name').fill('Spare');
    await form.getByRole('button', { name: 'Add category' }).click();
    await page.getByRole('button', { name: 'Edit Spare' }).click();
    const spare = page.locator('[data-category-editor="Spare"]');
    await spare.getByRole('button', { name: 'Delete…' }).click();
    await spare.getByRole('button', { name: 'Delete', exact: true }).click();
    await poll(() => page.locator('[data-category="Spare"]').count()).toBe(0);
    await poll(() => page.locator('[data-toast="done"]').last().textContent()).toContain('Spare');
    expect((await api.categories.list.query()).some((c) => c.name === 'Spare')).toBe(false);
    await page
      .locator('[data-archived-categories]')
      .getByRole('button', { name: 'Edit Transport' })
      .click();
    await page
      .locator('[data-category-editor="Transport"]')
      .getByRole('button', { name: 'Unarchive' })
      .click();
    await poll(() => page.locator('[data-archived-categories]').count()).toBe(0);
    expect((await api.categories.list.query()).find((c) => c.name === 'Transport')!.archived).toBe(
      false,
    );
    await page.getByRole('button', { name: 'Edit Transport' }).click();
    await page
      .locator('[data-category-editor="Transport"]')
      .getByRole('button', { name: 'Archive', exact: true })
      .click();
    await poll(() =>
      page.locator('[data-archived-categories] [data-category="Transport"]').count(),
    ).toBe(1);

    // The dashboard's filter keeps it (its transactions still count), apart from those in use.
    await openFromNav(page, 'Dashboard');
    await page.getByRole('button', { name: /^Categories/ }).click();
    const archivedGroup = page.getByRole('group', { name: 'Archived' });
    expect(await archivedGroup.getByRole('checkbox').count()).toBe(1);
    expect(await archivedGroup.textContent()).toContain('Transport');
    expect(await page.getByRole('group', { name: 'Spending' }).textContent()).not.toContain(
      'Transport',
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('creates, changes and archives an account', async () => {
    const { context, page, errors } = await newPage(harness);
    await page.goto('/');
    await signInThroughUi(page, john);
    await waitForView(page);
    await openFromNav(page, 'Accounts');
    const form = page.locator('section', {
      has: page.getByRole('heading', { name: 'New account' }),
    });

    // What is wrong is said beside the field, before anything is sent.
    await form.getByLabel('Name').fill('Travel card');
    await form.getByLabel('Currency').fill('US');
    await form.getByRole('button', { name: 'Add account' }).click();
    await poll(() => form.getByText('A three-letter code, like USD or EUR.').count()).toBe(1);

    await form.getByLabel('Kind').selectOption({ label: 'Credit card' });
    await form.getByLabel('Currency').fill('usd');
    await form.getByLabel('Opening balance').fill('-1,250.50');
    await form.getByLabel('Opened on').fill('2024-01-15');
    await form.getByRole('button', { name: 'Add account' }).click();
    await poll(() => page.locator('[data-toast="done"]').last().textContent()).toContain(
      'Travel card',
    );
    const created = (await api.accounts.list.query()).find((a) => a.name === 'Travel card')!;
    expect(created).toMatchObject({
      kind: 'credit',
      currency: 'USD',
      openingBalanceMinor: -125050,
      openedOn: '2024-01-15',
      archived: false,
    });
    const row = page.locator('tr', { has: page.locator('[data-account="Travel card"]') });
    await poll(() => row.textContent()).toContain('-$1,250.50');
    expect(await row.textContent()).toContain('Jan 15, 2024');

    // Changed in the same form; only what changed is sent.
    await row.getByRole('button', { name: 'Edit Travel card' }).click();
    const edit = page.locator('section', {
      has: page.getByRole('heading', { name: 'Edit Travel card' }),
    });
    expect(await edit.getByLabel('Opening balance').inputValue()).toBe('-1250.50');
    await edit.getByLabel('Name').fill('Travel Visa');
    await edit.getByRole('button', { name: 'Save' }).click();
    await poll(async () =>
      (await api.accounts.list.query()).some((a) => a.name === 'Travel Visa'),
    ).toBe(true);
    // A name another account has is refused in the server's words.
    const visa = page.locator('tr', { has: page.locator('[data-account="Travel Visa"]') });
    await visa.getByRole('button', { name: 'Edit Travel Visa' }).click();
    await page.getByLabel('Name').first().fill('Everyday');
    await page.getByRole('button', { name: 'Save' }).click();
    await poll(() => page.locator('.account-form .form-error').textContent()).not.toBe('');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await visa.getByRole('button', { name: 'Archive Travel Visa' }).click();
    await poll(
      async () => (await api.accounts.list.query()).find((a) => a.name === 'Travel Visa')?.archived,
    ).toBe(true);
    await poll(() => visa.textContent()).toContain('Archived');
    await screenshot(page, 'accounts');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says what a new account has and has not yet, on a phone and in the dark', async () => {
    const person = await registerAccount(harness.baseUrl, 'Robin Empty');
    const { context, page, errors } = await signedInPage(harness, person, {
      path: '/accounts',
      viewport: PHONE,
      colorScheme: 'dark',
    });
    const accounts = await person.client.accounts.list.query();
    if (accounts.length === 0) {
      expect(await page.locator('[data-empty]').textContent()).toContain('No accounts yet');
    } else {
      expect(await page.locator('[data-account]').count()).toBe(accounts.length);
    }
    expect(await overflowing(page)).toEqual([]);
    await screenshot(page, 'accounts-phone-dark');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await openFromNav(page, 'Categories');
    const categories = await person.client.categories.list.query();
    expect(await page.locator('[data-category]').count()).toBe(categories.length);
    expect(await overflowing(page)).toEqual([]);
    await screenshot(page, 'categories-phone-dark');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says when the categories cannot be loaded, and tries again', async () => {
    const { context, page } = await newPage(harness);
    // The network drops every request for the list until the person asks again.
    let failing = true;
    await page.route('**/trpc/**', (route) =>
      failing && route.request().url().includes('categories.list')
        ? route.abort('connectionreset')
        : route.continue(),
    );
    await page.goto('/categories');
    await signInThroughUi(page, john);
    const failure = page.getByRole('alert').filter({ hasText: 'could not load your categories' });
    await failure.waitFor({ timeout: 30_000 });
    await screenshot(page, 'categories-error');
    failing = false;
    await failure.getByRole('button', { name: 'Try again' }).click();
    await waitForView(page);
    expect(await page.locator('[data-category]').count()).toBe(
      (await api.categories.list.query()).length,
    );
    await page.unroute('**/trpc/**');
    await context.close();
  });
});
