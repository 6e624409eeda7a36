/**
 * The built `outlay` binary (dist/outlay.js, built by vitest's globalSetup) run as a child
 * process against a real server and database, with its own config directory. Every expected
 * figure comes from @outlay/client asking the same server the same question.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  formatMoney,
  type BudgetStatusList,
  type ImportCommitResult,
  type ImportPreview,
  type MetricsSummary,
  type OutlayClient,
  type TransactionPage,
} from '@outlay/client';
import { DEMO_USERS } from '@outlay/db';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cliEnv, startTestServer, type TestServer } from './testing.ts';

const CLI = fileURLToPath(new URL('../dist/outlay.js', import.meta.url));
const john = DEMO_USERS[0]!.email;
const jane = DEMO_USERS[1]!.email;

let server: TestServer;
let johnClient: OutlayClient;
let johnToken: string;
let home: string;
let configFile: string;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI with a clean environment: only what the test gives it. */
function outlay(
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: cliEnv(home, options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** Every failure is words on stderr: no stack frames, nothing on stdout. */
function expectWords(run: Run) {
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^outlay: /);
  expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

const money = (minor: number) => formatMoney(minor, 'USD', 'en-US');

beforeAll(async () => {
  server = await startTestServer();
  johnClient = await server.signIn(john);
  johnToken = await server.apiToken(john);
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'outlay-cli-'));
  configFile = join(home, 'config', 'outlay', 'config.json');
  return () => rm(home, { recursive: true, force: true });
});

async function signedIn() {
  const run = await outlay(['login', '--url', server.url, '--token', johnToken]);
  expect(run.code).toBe(0);
}

describe('help and usage', () => {
  it('lists the commands, the environment and the exit codes', async () => {
    const run = await outlay(['--help']);
    expect(run.code).toBe(0);
    for (const text of ['login', 'logout', 'summary', 'tx list', 'OUTLAY_URL', 'OUTLAY_TOKEN']) {
      expect(run.stdout).toContain(text);
    }
    expect(run.stdout).toMatch(/3 {2}not signed in/);
    for (const text of ['tx add', 'budgets', 'upcoming', 'import']) {
      expect(run.stdout).toContain(text);
    }
  });

  it('explains each command’s options', async () => {
    const run = await outlay(['tx', 'list', '--help']);
    expect(run.code).toBe(0);
    for (const flag of ['--from', '--to', '--category', '--account', '--min', '--max']) {
      expect(run.stdout).toContain(flag);
    }
    for (const flag of ['--search', '--kind', '--limit', '--sort', '--json']) {
      expect(run.stdout).toContain(flag);
    }
  });

  it('exits 2 with words for an unknown command, option or value', async () => {
    for (const args of [
      ['frobnicate'],
      ['tx'],
      ['tx', 'add'],
      ['summary', '--bogus'],
      ['summary', '--from'],
      ['summary', '--from', 'yesterday'],
      ['tx', 'list', '--limit', '0'],
      ['tx', 'list', '--sort', 'payee'],
      ['tx', 'list', '--min', '1,5'],
      ['tx', 'list', '--kind', 'refunds'],
    ]) {
      const run = await outlay(args);
      expect(run.code, args.join(' ')).toBe(2);
      expectWords(run);
    }
    const run = await outlay([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: outlay <command>');
  });
});

describe('login and logout', () => {
  it('stores a checked token in a 0600 file in a 0700 directory', async () => {
    const run = await outlay(['login', '--url', server.url, '--token', johnToken]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`as John Doe <${john}>`);
    expect(JSON.parse(await readFile(configFile, 'utf8'))).toEqual({
      url: server.url,
      token: johnToken,
    });
    expect((await stat(configFile)).mode & 0o777).toBe(0o600);
    expect((await stat(join(configFile, '..'))).mode & 0o777).toBe(0o700);
  });

  it('prints where to create a token and reads it from stdin (device style)', async () => {
    const run = await outlay(['login', '--url', server.url], { input: `${johnToken}\n` });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${server.url}/settings#api-tokens`);
    expect(JSON.parse(await readFile(configFile, 'utf8'))).toMatchObject({ token: johnToken });
  });

  it('refuses a wrong token with exit 3 and stores nothing', async () => {
    const run = await outlay(['login', '--url', server.url, '--token', 'outlay_pat_not-a-token']);
    expect(run.code).toBe(3);
    expectWords(run);
    expect(run.stderr).toContain('refused this token');
    await expect(stat(configFile)).rejects.toThrow();
  });

  it('answers --json with the signed-in person', async () => {
    const run = await outlay(['login', '--url', server.url, '--token', johnToken, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      url: server.url,
      user: { email: john },
      configFile,
    });
  });

  it('forgets the token on logout, after which commands exit 3', async () => {
    await signedIn();
    const out = await outlay(['logout']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('revoke');
    await expect(stat(configFile)).rejects.toThrow();
    const run = await outlay(['summary']);
    expect(run.code).toBe(3);
    expectWords(run);
    expect(run.stderr).toContain('Not signed in');
    expect(JSON.parse((await outlay(['logout', '--json'])).stdout)).toEqual({
      loggedOut: false,
      configFile,
    });
  });
});

describe('summary', () => {
  const filter = { from: '2026-01-01', to: '2026-03-31' };

  it('prints the figures the API returns, as money in the currency’s digits', async () => {
    await signedIn();
    const expected = await johnClient.metrics.summary.query({ filter });
    const run = await outlay(['summary', '--from', filter.from, '--to', filter.to]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Spending from 2026-01-01 to 2026-03-31 (3 months), in USD');
    const line = (label: string) => run.stdout.split('\n').find((l) => l.startsWith(label));
    expect(line('Total spend')).toMatch(new RegExp(`\\s${escape(money(expected.totalSpend))}$`));
    expect(line('Income')).toMatch(new RegExp(`\\s${escape(money(expected.totalIncome))}$`));
    expect(line('Net')).toMatch(new RegExp(`\\s${escape(money(expected.net))}$`));
    expect(line('Average monthly')).toMatch(
      new RegExp(`\\s${escape(money(expected.averageMonthlySpend))}$`),
    );
    expect(expected.topCategories.length).toBeGreaterThan(0);
    for (const category of expected.topCategories) {
      expect(line(category.name)).toContain(money(category.spendMinor));
    }
  });

  it('prints exactly the API’s answer with --json', async () => {
    await signedIn();
    const expected = await johnClient.metrics.summary.query({
      filter: { ...filter, kind: 'spend' },
    });
    const run = await outlay([
      'summary',
      '--from',
      filter.from,
      '--to',
      filter.to,
      '--kind',
      'spend',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout) as MetricsSummary).toEqual(expected);
  });

  it('names the flag when the server refuses a value', async () => {
    await signedIn();
    const run = await outlay(['summary', '--from', '2026-03-01', '--to', '2026-02-01']);
    expect(run.code).toBe(2);
    expectWords(run);
    expect(run.stderr).toContain('--to:');
  });
});

describe('tx list', () => {
  it('applies every filter flag as the API’s filter', async () => {
    await signedIn();
    const categories = await johnClient.categories.list.query();
    const groceries = categories.find((c) => c.name === 'Groceries')!;
    const page = await johnClient.transactions.list.query({
      filter: { categoryIds: [groceries.id] },
      limit: 1,
    });
    const accountId = page.items[0]!.accountId;
    const expected = await johnClient.transactions.list.query({
      filter: {
        from: '2025-07-01',
        to: '2026-06-30',
        categoryIds: [groceries.id],
        accountIds: [accountId],
        minAmount: 2000,
        maxAmount: 15000,
        kind: 'spend',
      },
      sort: { field: 'amount', direction: 'asc' },
      limit: 7,
    });
    expect(expected.items.length).toBe(7);
    const run = await outlay([
      'tx',
      'list',
      ...['--from', '2025-07-01', '--to', '2026-06-30'],
      ...['--category', 'groceries', '--account', accountId],
      ...['--min', '20', '--max', '150.00', '--kind', 'spend'],
      ...['--sort', 'amount:asc', '--limit', '7', '--json'],
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout) as TransactionPage).toEqual(expected);
  });

  it('searches payees and prints a table of the rows', async () => {
    await signedIn();
    const expected = await johnClient.transactions.list.query({
      filter: { search: 'costco' },
      limit: 5,
    });
    expect(expected.items.length).toBeGreaterThan(0);
    const run = await outlay(['tx', 'list', '--search', 'costco', '--limit', '5']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Date\s+Amount\s+Category\s+Account\s+Payee$/);
    expected.items.forEach((t, i) => {
      const line = lines[i + 1]!;
      expect(line.startsWith(t.occurredOn)).toBe(true);
      expect(line).toContain(money(t.amountMinor));
      expect(line).toContain(t.payee!);
    });
  });

  it('fetches page after page for a limit beyond one page', async () => {
    await signedIn();
    const run = await outlay(['tx', 'list', '--limit', '620', '--json']);
    expect(run.code).toBe(0);
    const { items } = JSON.parse(run.stdout) as TransactionPage;
    expect(items).toHaveLength(620);
    expect(new Set(items.map((t) => t.id)).size).toBe(620);
    const dates = items.map((t) => t.occurredOn);
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('takes an account by name as well as by id', async () => {
    await signedIn();
    const accounts = await johnClient.accounts.list.query();
    const savings = accounts.find((a) => a.name === 'Savings')!;
    const expected = await johnClient.transactions.list.query({
      filter: { accountIds: [savings.id] },
      limit: 5,
    });
    expect(expected.items.length).toBeGreaterThan(0);
    const byName = await outlay(['tx', 'list', '--account', 'savings', '--limit', '5', '--json']);
    expect(byName.code, byName.stderr).toBe(0);
    expect(JSON.parse(byName.stdout)).toEqual(expected);
    const unknown = await outlay(['tx', 'list', '--account', 'Yacht']);
    expect(unknown.code).toBe(4);
    expectWords(unknown);
    expect(unknown.stderr).toContain('No account named "Yacht". Your accounts: Everyday, Savings.');
  });

  it('exits 4 for a category that does not exist', async () => {
    await signedIn();
    const run = await outlay(['tx', 'list', '--category', 'Yachts']);
    expect(run.code).toBe(4);
    expectWords(run);
    expect(run.stderr).toContain('No category named "Yachts"');
    expect(run.stderr).toContain('Groceries');
  });
});

describe('tx add', () => {
  let writeToken: string;
  const asWriter = () => ({ OUTLAY_URL: server.url, OUTLAY_TOKEN: writeToken });
  beforeAll(async () => {
    writeToken = await server.apiToken(john, 'write');
  });

  it('records a transaction by account and category name, negative amount as money out', async () => {
    const run = await outlay(
      [
        'tx',
        'add',
        ...['--account', 'everyday', '--amount', '-12.50', '--date', '2026-06-29'],
        ...['--payee', 'CLI corner shop', '--category', 'groceries', '--notes', 'from the CLI'],
        '--json',
      ],
      { env: asWriter() },
    );
    expect(run.code, run.stderr).toBe(0);
    const written = JSON.parse(run.stdout) as { transactions: { id: string }[] };
    expect(written.transactions).toHaveLength(1);
    const stored = await johnClient.transactions.get.query({ id: written.transactions[0]!.id });
    expect(stored).toMatchObject({
      accountName: 'Everyday',
      amountMinor: -1250,
      occurredOn: '2026-06-29',
      payee: 'CLI corner shop',
      categoryName: 'Groceries',
      notes: 'from the CLI',
    });
    expect(written).toEqual({ ...written, transactions: [stored] });
  });

  it('prints the recorded row as a table, money in as a positive amount', async () => {
    const run = await outlay(
      ['tx', 'add', '--account', 'Savings', '--amount', '1200', '--date', '2026-06-28'],
      { env: asWriter() },
    );
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Recorded:');
    expect(lines[2]).toMatch(/^Date\s+Amount\s+Category\s+Account\s+Payee$/);
    expect(lines[3]).toMatch(
      new RegExp(`^2026-06-28\\s+\\${money(120_000)}\\s+Uncategorized\\s+Savings$`),
    );
  });

  it('needs a write token: a read-only one exits 3 with the server’s words, and nothing is written', async () => {
    await signedIn();
    const before = await johnClient.transactions.list.query({
      filter: { search: 'read-only try' },
    });
    const run = await outlay([
      'tx',
      'add',
      ...['--account', 'Everyday', '--amount', '-1', '--date', '2026-06-29'],
      ...['--payee', 'read-only try'],
    ]);
    expect(run.code).toBe(3);
    expectWords(run);
    expect(run.stderr).toContain('This API token is read-only');
    const after = await johnClient.transactions.list.query({ filter: { search: 'read-only try' } });
    expect(after.items).toEqual(before.items);
  });

  it('exits 2 for a missing or malformed flag and 4 for an unknown account or category', async () => {
    for (const args of [
      ['--amount', '-1', '--date', '2026-06-29'],
      ['--account', 'Everyday', '--date', '2026-06-29'],
      ['--account', 'Everyday', '--amount', '-1'],
      ['--account', 'Everyday', '--amount', '-1,5', '--date', '2026-06-29'],
      ['--account', 'Everyday', '--amount', '-1.505', '--date', '2026-06-29'],
      ['--account', 'Everyday', '--amount', '0', '--date', '2026-06-29'],
      ['--account', 'Everyday', '--amount', '-1', '--date', '2026-02-30'],
    ]) {
      const run = await outlay(['tx', 'add', ...args], { env: asWriter() });
      expect(run.code, args.join(' ')).toBe(2);
      expectWords(run);
    }
    const zero = await outlay(
      ['tx', 'add', '--account', 'Everyday', '--amount', '0', '--date', '2026-06-29'],
      { env: asWriter() },
    );
    expect(zero.stderr).toContain('--amount');
    const account = await outlay(
      ['tx', 'add', '--account', 'Yacht', '--amount', '-1', '--date', '2026-06-29'],
      { env: asWriter() },
    );
    expect(account.code).toBe(4);
    expect(account.stderr).toContain('No account named "Yacht". Your accounts: Everyday, Savings.');
    const category = await outlay(
      [
        'tx',
        'add',
        '--account',
        'Everyday',
        '--amount',
        '-1',
        '--date',
        '2026-06-29',
        '--category',
        'Yachts',
      ],
      { env: asWriter() },
    );
    expect(category.code).toBe(4);
    expect(category.stderr).toContain('No category named "Yachts"');
  });
});

describe('budgets', () => {
  it('prints each budget’s spend of its amount, what is left and its health; --json is the API’s answer', async () => {
    await signedIn();
    // The two categories John spent most on in June: a budget far above one, far below the other.
    const june = await johnClient.metrics.summary.query({
      filter: { from: '2026-06-01', to: '2026-06-30' },
    });
    const [roomy, tight] = june.topCategories;
    for (const [category, amountMinor] of [
      [roomy!, 100_000_000],
      [tight!, 100],
    ] as const) {
      await johnClient.budgets.create.mutate({
        categoryId: category.categoryId!,
        period: 'monthly',
        amountMinor,
        startsOn: '2026-01-01',
      });
    }
    const expected = await johnClient.budgets.status.query({
      period: '2026-06-15',
      today: '2026-06-30',
    });
    expect(expected.budgets).toHaveLength(2);

    const json = await outlay(['budgets', '--period', '2026-06-15', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const answer = JSON.parse(json.stdout) as BudgetStatusList;
    // The CLI sends the machine's today, which moves the pace but not the period's figures.
    expect(
      answer.budgets.map(({ budget, from, to, spentMinor, availableMinor }) => ({
        budget,
        from,
        to,
        spentMinor,
        availableMinor,
      })),
    ).toEqual(
      expected.budgets.map(({ budget, from, to, spentMinor, availableMinor }) => ({
        budget,
        from,
        to,
        spentMinor,
        availableMinor,
      })),
    );

    const run = await outlay(['budgets', '--period', '2026-06-15']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Budget\s+Period\s+Spent\s+Left\s+Health$/);
    const roomyStatus = expected.budgets.find((b) => b.budget.name === roomy!.name)!;
    const tightStatus = expected.budgets.find((b) => b.budget.name === tight!.name)!;
    expect(tightStatus.availableMinor).toBeLessThan(0);
    const line = (name: string) => lines.find((l) => l.startsWith(name))!;
    expect(line(roomy!.name)).toContain('2026-06-01 to 2026-06-30');
    expect(line(roomy!.name)).toContain(
      `${money(roomyStatus.spentMinor)} of ${money(100_000_000)}`,
    );
    expect(line(roomy!.name)).toContain(money(roomyStatus.availableMinor));
    expect(line(roomy!.name)).toMatch(/on track$/);
    expect(line(tight!.name)).toContain(`${money(-tightStatus.availableMinor)} over`);
    expect(line(tight!.name)).toMatch(/over budget$/);
    expect(lines.at(-1)).toBe('1 on track, 0 at risk, 1 over (in USD).');
  });

  it('says when there are no budgets, and names --period when its value is wrong', async () => {
    const janeToken = await server.apiToken(jane);
    const env = { OUTLAY_URL: server.url, OUTLAY_TOKEN: janeToken };
    const empty = await outlay(['budgets'], { env });
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toContain('No budgets yet');
    for (const period of ['June', '2026-02-30']) {
      const run = await outlay(['budgets', '--period', period], { env });
      expect(run.code, period).toBe(2);
      expectWords(run);
      expect(run.stderr).toContain('--period');
    }
  });
});

describe('upcoming', () => {
  it('lists the due items of the next four weeks by default; --json is the API’s answer', async () => {
    await signedIn();
    const accounts = await johnClient.accounts.list.query();
    const everyday = accounts.find((a) => a.name === 'Everyday')!;
    // The server generates due items from its today on: a weekly bill has one in every week.
    const { today } = await johnClient.dueItems.list.query({
      from: '2026-01-01',
      to: '2026-01-01',
    });
    await johnClient.recurring.create.mutate({
      name: 'Window cleaner',
      amountMinor: -4_250,
      accountId: everyday.id,
      rrule: 'FREQ=WEEKLY',
      startsOn: today,
    });
    const fourWeeksOn = new Date(Date.parse(`${today}T00:00:00Z`) + 28 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const expected = await johnClient.dueItems.list.query({ from: today, to: fourWeeksOn });
    expect(expected.items.length).toBeGreaterThanOrEqual(4);

    const json = await outlay(['upcoming', '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(expected);

    const run = await outlay(['upcoming']);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Due\s+Name\s+Amount\s+Account\s+Status$/);
    expect(lines).toHaveLength(expected.items.length + 1);
    expected.items.forEach((item, i) => {
      expect(lines[i + 1]).toMatch(
        new RegExp(
          `^${item.dueOn}\\s+Window cleaner\\s+-\\$42\\.50\\s+Everyday\\s+(upcoming|due soon)$`,
        ),
      );
    });
  });

  it('takes --from and --to, says when nothing is due, and names a wrong date’s flag', async () => {
    await signedIn();
    const empty = await outlay(['upcoming', '--from', '2020-01-01', '--to', '2020-01-31']);
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toBe('Nothing due from 2020-01-01 to 2020-01-31.\n');
    for (const args of [
      ['--from', 'soon'],
      ['--from', '2026-03-01', '--to', '2026-02-01'],
    ]) {
      const run = await outlay(['upcoming', ...args]);
      expect(run.code, args.join(' ')).toBe(2);
      expectWords(run);
    }
    const reversed = await outlay(['upcoming', '--from', '2026-03-01', '--to', '2026-02-01']);
    expect(reversed.stderr).toContain('--to: from must not be after to');
  });
});

describe('import', () => {
  let writeToken: string;
  let statement: string;
  const asWriter = () => ({ OUTLAY_URL: server.url, OUTLAY_TOKEN: writeToken });
  const csv = [
    'Date,Payee,Amount',
    '2026-06-10,CLI import bakery,-4.50',
    '2026-06-11,CLI import bookshop,-23.00',
    '2026-06-12,CLI import refund,7.25',
    'not a date,CLI import broken,-1.00',
  ].join('\n');
  const imported = () =>
    johnClient.transactions.list.query({ filter: { search: 'CLI import' }, limit: 50 });
  beforeAll(async () => {
    writeToken = await server.apiToken(john, 'write');
  });
  beforeEach(async () => {
    statement = join(home, 'june.csv');
    await writeFile(statement, csv);
  });

  it('previews a statement: the classification counts, and nothing written', async () => {
    const run = await outlay(['import', statement, '--account', 'Everyday'], { env: asWriter() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'june.csv (csv) for Everyday: 3 rows.',
      '3 new, 0 already imported, 0 probable matches, 0 possible matches.',
      'Importing adds 3, merges 0 and skips 0.',
    ]);
    expect(run.stdout).toContain(
      '0 entries left out, 1 warning:\n  Line 5: a row without a transaction date was skipped',
    );
    expect(run.stdout).toContain('run again with --commit');
    expect((await imported()).items).toEqual([]);

    const json = await outlay(['import', statement, '--account', 'Everyday', '--json'], {
      env: asWriter(),
    });
    expect(json.code, json.stderr).toBe(0);
    const preview = JSON.parse(json.stdout) as ImportPreview;
    expect(preview).toMatchObject({
      fileName: 'june.csv',
      format: 'csv',
      account: { name: 'Everyday' },
      counts: { total: 3, new: 3, alreadyImported: 0, probable: 0, possible: 0 },
      warningCount: 1,
    });
    const rows = await johnClient.imports.rows.query({ batchId: preview.batchId });
    expect(rows.items.map((row) => row.classification)).toEqual(['new', 'new', 'new']);
  });

  it('imports with --commit, and a second import finds the rows already there', async () => {
    const run = await outlay(['import', statement, '--account', 'everyday', '--commit'], {
      env: asWriter(),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('Imported: 3 new, 0 merged, 0 skipped.');
    const rows = (await imported()).items;
    expect(rows.map((t) => [t.occurredOn, t.payee, t.amountMinor, t.accountName]).sort()).toEqual([
      ['2026-06-10', 'CLI import bakery', -450, 'Everyday'],
      ['2026-06-11', 'CLI import bookshop', -2300, 'Everyday'],
      ['2026-06-12', 'CLI import refund', 725, 'Everyday'],
    ]);

    const again = await outlay(
      ['import', statement, '--account', 'Everyday', '--commit', '--json'],
      { env: asWriter() },
    );
    expect(again.code, again.stderr).toBe(0);
    const answer = JSON.parse(again.stdout) as {
      preview: ImportPreview;
      commit: ImportCommitResult;
    };
    expect(answer.preview.counts).toMatchObject({ total: 3, new: 0, alreadyImported: 3 });
    expect(answer.commit).toMatchObject({ inserted: 0, skipped: 3 });
    expect((await imported()).items).toHaveLength(3);
  });

  it('exits 2 without a file or account, 4 for a missing file or account, 3 with a read-only token', async () => {
    for (const args of [
      ['import', '--account', 'Everyday'],
      ['import', statement],
      ['import', statement, statement, '--account', 'Everyday'],
    ]) {
      const run = await outlay(args, { env: asWriter() });
      expect(run.code, args.join(' ')).toBe(2);
      expectWords(run);
    }
    const missing = await outlay(['import', join(home, 'nope.csv'), '--account', 'Everyday'], {
      env: asWriter(),
    });
    expect(missing.code).toBe(4);
    expectWords(missing);
    expect(missing.stderr).toContain('nope.csv');
    const account = await outlay(['import', statement, '--account', 'Yacht'], { env: asWriter() });
    expect(account.code).toBe(4);
    expect(account.stderr).toContain('No account named "Yacht"');
    await signedIn();
    const readOnly = await outlay(['import', statement, '--account', 'Everyday']);
    expect(readOnly.code).toBe(3);
    expectWords(readOnly);
    expect(readOnly.stderr).toContain('This API token is read-only');
  });
});

describe('environment, failures and exit codes', () => {
  it('OUTLAY_URL and OUTLAY_TOKEN work without a stored login', async () => {
    const janeToken = await server.apiToken(jane);
    const expected = await (await server.signIn(jane)).metrics.summary.query({ filter: {} });
    const run = await outlay(['summary', '--json'], {
      env: { OUTLAY_URL: server.url, OUTLAY_TOKEN: janeToken },
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(expected);
  });

  it('OUTLAY_TOKEN overrides the stored token', async () => {
    await signedIn();
    const run = await outlay(['summary'], { env: { OUTLAY_TOKEN: 'outlay_pat_wrong' } });
    expect(run.code).toBe(3);
    expectWords(run);
    expect(run.stderr).toContain('OUTLAY_TOKEN');
  });

  it('never sends the stored token to another server named by OUTLAY_URL', async () => {
    await signedIn();
    const other = await server.limitedServer(0);
    const run = await outlay(['summary'], { env: { OUTLAY_URL: other } });
    expect(run.code).toBe(3);
    expectWords(run);
    expect(run.stderr).toContain(`the stored login is for ${server.url}`);
  });

  it('a revoked token exits 3 and says to sign in again', async () => {
    const client = await server.signIn(john);
    const created = await client.auth.apiTokens.create.mutate({
      name: 'soon revoked',
      scope: 'read',
    });
    expect((await outlay(['login', '--url', server.url, '--token', created.token])).code).toBe(0);
    await client.auth.apiTokens.revoke.mutate({ id: created.apiToken.id });
    const run = await outlay(['summary']);
    expect(run.code).toBe(3);
    expectWords(run);
    expect(run.stderr).toContain('outlay login');
  });

  it('exits 5 when the server is unreachable', async () => {
    const port = await closedPort();
    const run = await outlay(['summary'], {
      env: { OUTLAY_URL: `http://127.0.0.1:${port}`, OUTLAY_TOKEN: johnToken },
    });
    expect(run.code).toBe(5);
    expectWords(run);
    expect(run.stderr).toContain('Could not reach');
  });

  it('exits 5 when a proxy in front answers 503', async () => {
    const proxy = createHttpServer((_request, response) => {
      response.writeHead(503, { 'content-type': 'text/html' }).end('<h1>Service Unavailable</h1>');
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const { port } = proxy.address() as { port: number };
    try {
      const run = await outlay(['summary'], {
        env: { OUTLAY_URL: `http://127.0.0.1:${port}`, OUTLAY_TOKEN: johnToken },
      });
      expect(run.code).toBe(5);
      expectWords(run);
      expect(run.stderr).toContain('unavailable (HTTP 503)');
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
  });

  it('exits 5 when rate-limited', async () => {
    const limited = await server.limitedServer(1);
    const env = { OUTLAY_URL: limited, OUTLAY_TOKEN: johnToken };
    expect((await outlay(['summary'], { env })).code).toBe(0);
    const run = await outlay(['summary'], { env });
    expect(run.code).toBe(5);
    expectWords(run);
    expect(run.stderr).toContain('Too many requests');
  });
});

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
