/**
 * Bills and the Upcoming view in Chromium: two monthly bills made in the Bills dialog, seen on
 * Upcoming on their due day with the navigation's badge, reordered with the keyboard alone and
 * with the mouse (the order survives a reload), one marked paid — the payment is a transaction
 * the API sees — and one occurrence moved and given its own amount without its series. A bill's
 * dialog adds a missing category and account from its own pickers ("Add new…").
 */
import { addDays, addMonths } from '@outlay/contracts';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasChromium,
  signedInPage,
  poll,
  registerAccount,
  resultsDir,
  screenshot,
  seriousAxeViolations,
  startHarness,
  waitForView,
  type Harness,
} from './harness.ts';

// Without Chromium this suite is skipped; app.test.ts says so (and fails under OUTLAY_REQUIRE_E2E=1).
describe.skipIf(!hasChromium)('Bills and Upcoming in Chromium', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ demo: false });
  });
  afterAll(async () => {
    await harness?.close();
  });

  /** The names of the due items the table shows, top to bottom. */
  const dueNames = (page: Page) =>
    page
      .locator('.due-table tbody tr[data-due]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-due')));

  async function addBill(page: Page, name: string, amount: string, day: number) {
    await page.getByRole('button', { name: 'Add a bill' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a bill' });
    await dialog.getByLabel('Name').fill(name);
    await dialog.getByLabel('Amount (money out)').fill(amount);
    await dialog.getByLabel('Day of the month').fill(String(day));
    await poll(() => dialog.locator('[data-rule]').getAttribute('data-rule')).toMatch(
      /^FREQ=MONTHLY;BYMONTHDAY=/,
    );
    await dialog.getByRole('button', { name: 'Add bill' }).click();
    await poll(() => page.locator('[data-toast="done"]').last().textContent()).toContain(
      `Added the recurring item '${name}'`,
    );
    await poll(() => page.locator(`[data-bill="${name}"]`).count()).toBe(1);
  }

  it('creates monthly bills, shows them on Upcoming, reorders them by keyboard and by mouse, marks one paid, moves one', async () => {
    const account = await registerAccount(harness.baseUrl);
    const { context, page, errors } = await signedInPage(harness, account, {
      path: '/upcoming?tab=bills',
      wait: false,
    });
    await page.getByRole('heading', { level: 1, name: 'Upcoming' }).waitFor();
    await waitForView(page);
    await poll(() => page.locator('[data-empty]').textContent()).toContain('No bills yet');

    // Due today, so both are on the default range and "due soon".
    const day = Number(harness.today.slice(8));
    await addBill(page, 'Rent', '1200', day);
    await addBill(page, 'Phone', '45.50', day);
    const bills = await account.client.recurring.list.query();
    expect(bills.map((b) => [b.name, b.amountMinor, b.nextDueOn])).toEqual([
      ['Phone', -4_550, harness.today],
      ['Rent', -120_000, harness.today],
    ]);

    // The badge counts what is due this week.
    const nav = page.getByRole('navigation', { name: 'Main' });
    await poll(() => nav.locator('[data-due-count]').getAttribute('data-due-count')).toBe('2');

    await page.getByRole('link', { name: 'Due items', exact: true }).click();
    await waitForView(page);
    await poll(() => dueNames(page)).toEqual(['Phone', 'Rent']);
    expect(await page.locator('[data-due="Rent"] .badge').textContent()).toBe('Due soon');

    // Rent above Phone with the keyboard alone: Space picks it up, arrows move, Space drops.
    await page.getByRole('button', { name: 'Reorder Rent' }).focus();
    await page.keyboard.press('Space');
    // The keyboard sensor starts listening for arrows in a timer it sets while handling Space,
    // and Chromium runs queued key presses before timers: one more timer, run after the
    // sensor's, means the first arrow is not lost.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    const live = page.locator('[id^="DndLiveRegion"]');
    for (let step = 0; step < 4; step += 1) {
      const before = await live.textContent();
      if (before?.includes('would go before or after Phone')) break;
      await page.keyboard.press('ArrowUp');
      await poll(() => live.textContent()).not.toBe(before);
    }
    expect(await live.textContent()).toContain('would go before or after Phone');
    await page.keyboard.press('Space');
    await poll(() => page.locator('[data-toast="done"]').last().textContent()).toContain(
      'Reordered 2 due items',
    );
    await poll(() => dueNames(page)).toEqual(['Rent', 'Phone']);

    // The order is the database's: a reload shows it, and so does the API.
    await page.reload();
    await waitForView(page);
    await poll(() => dueNames(page)).toEqual(['Rent', 'Phone']);
    const today = { from: harness.today, to: harness.today };
    expect((await account.client.dueItems.list.query(today)).items.map((d) => d.name)).toEqual([
      'Rent',
      'Phone',
    ]);

    // And back with the mouse: Phone's handle dragged onto Rent's row puts Phone first.
    const box = async (name: string) =>
      (await page.getByRole('button', { name: `Reorder ${name}` }).boundingBox())!;
    const [from, onto] = [await box('Phone'), await box('Rent')];
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    // Past the 4 px that tell a drag from a click, then onto the target in small steps.
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 6, { steps: 3 });
    await page.mouse.move(onto.x + onto.width / 2, onto.y + onto.height / 2, { steps: 8 });
    await page.mouse.up();
    await poll(() => page.locator('[data-toast="done"]').last().textContent()).toContain(
      'Reordered 2 due items',
    );
    await page.reload();
    await waitForView(page);
    await poll(() => dueNames(page)).toEqual(['Phone', 'Rent']);

    // Mark Rent paid: the row says Paid, the payment is a transaction, the badge counts one.
    await page.getByRole('button', { name: /^Mark paid Rent/ }).click();
    await poll(() => page.locator('[data-toast="done"]').last().textContent()).toContain(
      "Paid 'Rent'",
    );
    await poll(() => page.locator('[data-due="Rent"] .badge').textContent()).toBe('Paid');
    await poll(() => nav.locator('[data-due-count]').getAttribute('data-due-count')).toBe('1');
    const paid = (await account.client.dueItems.list.query(today)).items.find(
      (d) => d.name === 'Rent',
    )!;
    const payment = await account.client.transactions.get.query({ id: paid.transactionId! });
    expect([payment.amountMinor, payment.payee, payment.occurredOn]).toEqual([
      -120_000,
      'Rent',
      harness.today,
    ]);

    // Phone, this time only: two days later and a little more. The series stays as it was.
    const later = addDays(harness.today, 2);
    await page.getByRole('button', { name: /^Change Phone/ }).click();
    const change = page.getByRole('dialog', { name: /^Phone, due / });
    await change.getByLabel('Due on').fill(later);
    await change.getByLabel('Amount (money out)').fill('49.99');
    await screenshot(page, 'upcoming-change');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await change.getByRole('button', { name: 'Save' }).click();
    await poll(() => page.locator('[data-toast="done"]').last().textContent()).toContain(
      "Moved 'Phone'",
    );
    await poll(() => page.locator('[data-due="Phone"] [data-moved]').textContent()).toMatch(
      /^moved from /,
    );
    const moved = (
      await account.client.dueItems.list.query({ from: harness.today, to: later })
    ).items.find((d) => d.name === 'Phone')!;
    expect([moved.dueOn, moved.scheduledOn, moved.amountMinor]).toEqual([
      later,
      harness.today,
      -4_999,
    ]);
    expect(
      (await account.client.recurring.list.query()).find((b) => b.name === 'Phone'),
    ).toMatchObject({ amountMinor: -4_550 });

    await screenshot(page, 'upcoming');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Bills', exact: true }).click();
    await waitForView(page);
    await screenshot(page, 'upcoming-bills');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offers a subscription found in the history and keeps it as a bill in one click', async () => {
    const account = await registerAccount(harness.baseUrl);
    const [everyday] = await account.client.accounts.list.query();
    // Four monthly payments of the same amount, the last one last month.
    for (let i = 4; i >= 1; i -= 1) {
      await account.client.transactions.create.mutate({
        accountId: everyday!.id,
        occurredOn: addMonths(harness.today, -i),
        amountMinor: -1_199,
        payee: 'Spotify',
      });
    }
    const { context, page, errors } = await signedInPage(harness, account, {
      path: '/upcoming?tab=bills',
    });
    const found = page.locator('[data-suggestion="Spotify"]');
    await poll(() => found.textContent()).toContain('Spotify — 4 payments, monthly around the');
    expect(await found.textContent()).toContain('$11.99');
    await found.getByRole('button', { name: /Keep as a bill/ }).click();
    await poll(() => page.locator('[data-toast="done"]').last().textContent()).toContain(
      "Added the recurring item 'Spotify'",
    );
    await poll(() => page.locator('[data-bill="Spotify"]').count()).toBe(1);
    await poll(() => found.count()).toBe(0);
    const [bill] = await account.client.recurring.list.query();
    // Paid a month ago on this day of the month: due again today.
    expect([bill!.amountMinor, bill!.nextDueOn]).toEqual([-1_199, harness.today]);

    // The dialog, for the record: editing the bill shows the schedule in words and as a rule.
    await page.getByRole('button', { name: 'Edit Spotify' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Spotify' });
    await poll(() => dialog.locator('[data-rule]').getAttribute('data-rule')).toMatch(
      /^FREQ=MONTHLY;BYMONTHDAY=/,
    );
    await page.screenshot({ path: `${resultsDir}bill-dialog.png` });

    // A category and an account that do not exist yet, added from the dialog's own pickers.
    const selected = (label: string) =>
      dialog.getByLabel(label, { exact: true }).evaluate((select: HTMLSelectElement) => {
        return select.selectedOptions[0]?.textContent ?? '';
      });
    await dialog.getByLabel('Category', { exact: true }).selectOption({ label: 'Add new…' });
    await dialog.getByLabel('Name of the new category').fill('Streaming');
    await dialog.getByLabel('Name of the new category').press('Enter');
    await poll(() => selected('Category')).toBe('Streaming');
    await dialog.getByLabel('Account', { exact: true }).selectOption({ label: 'Add new…' });
    await dialog.getByLabel('Name of the new account').fill('Joint card');
    await screenshot(page, 'bill-dialog-add-new');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await poll(() => selected('Account')).toBe('Joint card');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await poll(() => page.locator('[data-toast="done"]').last().textContent()).toContain(
      "the recurring item 'Spotify'",
    );
    const [category] = (await account.client.categories.list.query()).filter(
      (c) => c.name === 'Streaming',
    );
    const [card] = (await account.client.accounts.list.query()).filter(
      (a) => a.name === 'Joint card',
    );
    expect(category).toMatchObject({ kind: 'expense' });
    expect(card).toMatchObject({ kind: 'checking', currency: 'USD' });
    const [edited] = await account.client.recurring.list.query();
    expect([edited!.categoryId, edited!.accountId]).toEqual([category!.id, card!.id]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
