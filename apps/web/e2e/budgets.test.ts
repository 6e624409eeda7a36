/**
 * Budgets in Chromium: a new account sees the empty state that leads to the first budget; a
 * monthly budget is created in the sheet; its progress reads "$312.00 of $400.00 · 78.0%" with
 * what is left per day and a health that agrees with `budgets.status` through @outlay/client; the
 * name opens the transactions it sums; the dashboard card counts it; an edit and its undo follow.
 * Screenshots of the loading, empty and filled page.
 */
import type { OutlayClient } from '@outlay/client';
import { localIsoDate, startOfMonth } from '@outlay/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
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
  waitForView,
  type Harness,
} from './harness.ts';

describe.skipIf(!hasChromium)('Budgets in Chromium', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ demo: false });
  });
  afterAll(async () => {
    await harness?.close();
  });

  async function openBudgets(page: Page) {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Plan' })
      .click();
    await page.getByRole('navigation', { name: 'Planning views' }).waitFor();
    await page.getByRole('link', { name: 'Budgets', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Budgets' }).waitFor();
    await waitForView(page);
  }

  async function diningId(client: OutlayClient): Promise<string> {
    return (await client.categories.list.query()).find((c) => c.name === 'Dining')!.id;
  }

  it('creates a monthly budget and shows its progress, pace and health', async () => {
    const account = await registerAccount(harness.baseUrl);
    const { client } = account;
    const today = localIsoDate();
    const dining = await diningId(client);
    const [bank] = await client.accounts.list.query();
    // This month's dining: $312 in two purchases and a refund, on the 1st (today or before).
    for (const amountMinor of [-20_000, -12_500, 1_300]) {
      await client.transactions.create.mutate({
        accountId: bank!.id,
        occurredOn: startOfMonth(today),
        amountMinor,
        categoryId: dining,
      });
    }

    const { page, context, errors } = await newPage(harness);
    // The first answer of budgets.status waits, so the loading state can be seen.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/trpc/**budgets.status**', async (route) => {
      await held;
      await route.continue();
    });
    await signInThroughUi(page, account.email, account.password);
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Plan' })
      .click();
    await page.getByRole('navigation', { name: 'Planning views' }).waitFor();
    await page.getByRole('link', { name: 'Budgets', exact: true }).click();
    await page.getByText('Loading your budgets…').waitFor();
    await screenshot(page, 'budgets-loading');
    release();
    await waitForView(page);

    // Empty: it says what a budget is for and leads to the first one.
    const empty = page.locator('[data-empty]');
    await expect(empty.textContent()).resolves.toContain('No budgets yet');
    await screenshot(page, 'budgets-empty');
    await page.getByRole('button', { name: 'Set your first budget' }).click();

    const dialog = page.getByRole('dialog', { name: 'New budget' });
    await dialog.getByLabel('For').selectOption({ label: 'Dining' });
    await dialog.getByLabel('Every').selectOption('monthly');
    await dialog.getByLabel('Amount').fill('400');
    await screenshot(page, 'budgets-dialog');
    await dialog.getByRole('button', { name: 'Add budget' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('Created a monthly budget of $400.00 for Dining').waitFor();
    await waitForView(page);

    const row = page.locator('[data-budget="Dining"]');
    await poll(() => row.locator('[data-progress]').textContent()).toBe(
      '$312.00 of $400.00 · 78.0%',
    );
    const status = await client.budgets.status.query({ today });
    const dinner = status.budgets.find((s) => s.budget.categoryId === dining)!;
    expect(dinner).toMatchObject({ spentMinor: 31_200, amountMinor: 40_000 });
    await expect(row.locator('[data-health]').getAttribute('data-health')).resolves.toBe(
      dinner.health,
    );
    const daysLeft = dinner.days - dinner.elapsedDays + 1;
    const perDay = `$${(dinner.remainingPerDayMinor! / 100).toFixed(2)} a day for ${daysLeft} ${daysLeft === 1 ? 'day' : 'days'}`;
    await expect(row.textContent()).resolves.toContain(`$88.00 left · ${perDay}`);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await screenshot(page, 'budgets-filled');

    // The budget-vs-actual chart's table holds this month.
    await expect(page.locator('.budget-history table').first().textContent()).resolves.toContain(
      '$312.00',
    );

    // The name opens the transactions its spent sums: three entries, $312 together.
    await row.getByRole('link', { name: /Dining/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Transactions' }).waitFor();
    await waitForView(page);
    expect(new URL(page.url()).searchParams.get('categoryIds')).toBe(dining);
    expect(new URL(page.url()).searchParams.get('from')).toBe(startOfMonth(today));

    // The dashboard card counts it.
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Dashboard' })
      .click();
    const card = page.locator('.budgets-card [data-budget-counts]');
    const counts = status.counts;
    await poll(() => card.textContent()).toBe(
      `${counts.on_track} on track · ${counts.at_risk} at risk · ${counts.over} over`,
    );
    await screenshot(page, 'budgets-dashboard-card');

    // An edit in the sheet, then Undo from its toast.
    await openBudgets(page);
    await row.getByRole('button', { name: 'Edit the Dining budget' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit the Dining budget' });
    await edit.getByLabel('Amount').fill('300');
    await edit.getByRole('button', { name: 'Save' }).click();
    await poll(() => row.locator('[data-progress]').textContent()).toBe(
      '$312.00 of $300.00 · 104.0%',
    );
    await expect(row.locator('[data-health]').getAttribute('data-health')).resolves.toBe('over');
    await page
      .locator('[data-toast]', {
        hasText: 'Changed the amount of the monthly budget for Dining to $300.00',
      })
      .getByRole('button', { name: 'Undo' })
      .click();
    await poll(() => row.locator('[data-progress]').textContent()).toBe(
      '$312.00 of $400.00 · 78.0%',
    );
    expect((await client.budgets.list.query())[0]!.amountMinor).toBe(40_000);

    expect(errors).toEqual([]);
    await context.close();

    // On a phone: nothing sticks out past the window's right edge.
    const phone = await signedInPage(harness, account, {
      path: '/budgets',
      wait: false,
      viewport: PHONE,
    });
    await phone.page.getByRole('heading', { level: 1, name: 'Budgets' }).waitFor();
    await waitForView(phone.page);
    await phone.page.locator('[data-budget="Dining"] [data-progress]').waitFor();
    const overflowing = await phone.page.evaluate(() =>
      Array.from(document.querySelectorAll('.budgets-page *'))
        .filter((element) => {
          for (let up = element.parentElement; up; up = up.parentElement) {
            const overflow = getComputedStyle(up).overflowX;
            if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') return false;
          }
          return element.getBoundingClientRect().right > window.innerWidth + 1;
        })
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
    );
    expect(overflowing).toEqual([]);
    await screenshot(phone.page, 'budgets-phone');
    expect(phone.errors).toEqual([]);
    await phone.context.close();
  });
});
