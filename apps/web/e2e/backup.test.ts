/**
 * The backup in a real browser, against the real server: Settings → "Your data" downloads the
 * same document @outlay/client gets, and a new, empty account restores it from the file.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hasChromium,
  signedInPage,
  registerAccount,
  screenshot,
  startHarness,
  type Harness,
} from './harness.ts';

describe.skipIf(!hasChromium)('Backing up and restoring in Chromium', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ demo: false });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('downloads a backup from Settings and restores it into a new account', async () => {
    const source = await registerAccount(harness.baseUrl);
    const [everyday] = await source.client.accounts.list.query();
    await source.client.transactions.create.mutate({
      accountId: everyday!.id,
      occurredOn: harness.today,
      amountMinor: -1_250,
      payee: 'Bakery',
    });

    const first = await signedInPage(harness, source, { path: '/settings#your-data', wait: false });
    const section = first.page.locator('#your-data');
    await section.getByRole('heading', { name: 'Your data' }).waitFor();
    // An account with data is not offered a restore.
    await section.getByText('register a new account to restore into').waitFor();
    expect(await section.getByText('Restore from a backup').count()).toBe(0);
    const [download] = await Promise.all([
      first.page.waitForEvent('download'),
      section.getByRole('button', { name: 'Download a backup' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`outlay-backup-${harness.today}.json`);
    const text = await readFile(await download.path(), 'utf8');
    const saved = JSON.parse(text) as Record<string, unknown>;
    const fromApi = (await source.client.backup.export.query()) as Record<string, unknown>;
    expect({ ...saved, exportedAt: null }).toEqual({ ...fromApi, exportedAt: null });
    await section.getByText('Backup saved: 1 transactions.').waitFor();
    await screenshot(first.page, 'backup-download');
    expect(first.errors).toEqual([]);
    await first.context.close();

    const target = await registerAccount(harness.baseUrl);
    const second = await signedInPage(harness, target, {
      path: '/settings#your-data',
      wait: false,
    });
    const empty = second.page.locator('#your-data');
    await empty.getByText('Restore from a backup').waitFor();
    await screenshot(second.page, 'backup-restore-offered');
    // The keyboard reaches the file chooser: Tab from the download button lands on it.
    await empty.getByRole('button', { name: 'Download a backup' }).focus();
    await second.page.keyboard.press('Tab');
    expect(
      await second.page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type),
    ).toBe('file');
    await empty.locator('input[type=file]').setInputFiles({
      name: download.suggestedFilename(),
      mimeType: 'application/json',
      buffer: Buffer.from(text),
    });
    await empty
      .getByText(
        'Restored a backup: 1 transaction, 1 account, 11 categories, 0 budgets and 0 bills. You can undo it from History.',
      )
      .waitFor();
    await screenshot(second.page, 'backup-restored');
    const list = await target.client.transactions.list.query({});
    expect(list.items.map((t) => t.payee)).toEqual(['Bakery']);
    expect(second.errors).toEqual([]);
    await second.context.close();
  });
});
