import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing.ts';
import { generatedRows, type GeneratedRow } from './generated-rows.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo, type DemoSeedResult } from './demo.ts';

const TODAY = '2026-11-21';
/** 730 days, today included. */
const FIRST = '2024-11-22';

const EXPECTED_EXPENSES: Record<string, string[]> = {
  'john.doe@example.com': ['Education', 'Groceries', 'Technology', 'Transport', 'Utilities'],
  'jane.doe@example.com': ['Dining', 'Education', 'Entertainment', 'Technology', 'Transport'],
  'charlie@example.com': ['Education', 'Health', 'Shopping', 'Technology', 'Travel'],
};

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / 86_400_000;
}

/** `YYYY-MM` of every month from one date to another, both included. */
function months(from: string, to: string): string[] {
  const result: string[] = [];
  for (let d = new Date(`${from.slice(0, 7)}-01T00:00:00Z`); d.toISOString() <= `${to}T`;) {
    result.push(d.toISOString().slice(0, 7));
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  }
  return result;
}

describe('seedDemo', () => {
  let first: TestDb;
  let second: TestDb;
  let result: DemoSeedResult;
  let rows: GeneratedRow[];
  const byUser = (email: string) => rows.filter((r) => r.email === email);

  beforeAll(async () => {
    [first, second] = await Promise.all([createTestDb(), createTestDb()]);
    result = await seedDemo(first.db, { passwordHash: 'argon2-hash', today: TODAY });
    rows = await generatedRows(first.db);
  });

  afterAll(async () => {
    await Promise.all([first?.dispose(), second?.dispose()]);
  });

  it('is deterministic for a given today', async () => {
    await seedDemo(second.db, { passwordHash: 'argon2-hash', today: TODAY });
    const again = await generatedRows(second.db);
    expect(again.length).toBeGreaterThan(1500);
    expect(again).toEqual(rows);
  });

  it('creates the three demo users with the given hash and reports their counts', async () => {
    expect(DEMO_PASSWORD).toBe('password123');
    const users = await first.db
      .selectFrom('users')
      .select(['id', 'email', 'display_name', 'profile', 'password_hash', 'home_currency'])
      .orderBy('email')
      .execute();
    expect(users.map((u) => [u.email, u.display_name, u.profile])).toEqual([
      ['charlie@example.com', 'Charlie Williams', 'lifestyle'],
      ['jane.doe@example.com', 'Jane Doe', 'social'],
      ['john.doe@example.com', 'John Doe', 'practical'],
    ]);
    expect(users.every((u) => u.password_hash === 'argon2-hash')).toBe(true);
    expect(users.every((u) => u.home_currency === 'USD')).toBe(true);

    expect(result.from).toBe(FIRST);
    expect(result.to).toBe(TODAY);
    expect(result.users.map((u) => u.email)).toEqual(DEMO_USERS.map((u) => u.email));
    for (const user of result.users) {
      expect(users.find((u) => u.email === user.email)?.id).toBe(user.id);
      expect(user.categories).toBe(7);
      expect(user.accounts).toBe(2);
      expect(user.transactions).toBe(byUser(user.email).length);
      expect(user.transactions).toBeGreaterThanOrEqual(500);
      expect(user.transactions).toBeLessThanOrEqual(900);
    }
  });

  it('gives each profile exactly its expense categories, Salary and Transfer, in one palette', async () => {
    const categories = await first.db
      .selectFrom('categories as c')
      .innerJoin('users as u', 'u.id', 'c.user_id')
      .select(['u.email', 'c.name', 'c.kind', 'c.color'])
      .orderBy('c.name')
      .execute();
    const colorOf = new Map<string, string>();
    for (const [email, expenses] of Object.entries(EXPECTED_EXPENSES)) {
      const mine = categories.filter((c) => c.email === email);
      expect(mine.filter((c) => c.kind === 'expense').map((c) => c.name)).toEqual(expenses);
      expect(mine.filter((c) => c.kind === 'income').map((c) => c.name)).toEqual(['Salary']);
      expect(mine.filter((c) => c.kind === 'transfer').map((c) => c.name)).toEqual(['Transfer']);
      expect(new Set(mine.map((c) => c.color)).size).toBe(mine.length);
      for (const c of mine) {
        expect(c.color).toMatch(/^#[0-9a-f]{6}$/);
        expect(colorOf.get(c.name) ?? c.color).toBe(c.color);
        colorOf.set(c.name, c.color);
      }
    }
    // Different names never share a colour, across users too.
    expect(new Set(colorOf.values()).size).toBe(colorOf.size);
  });

  it('gives each user an Everyday checking and a Savings account in USD', async () => {
    const accounts = await first.db
      .selectFrom('accounts')
      .select(['user_id', 'name', 'kind', 'currency'])
      .orderBy('name')
      .execute();
    for (const user of result.users) {
      expect(
        accounts.filter((a) => a.user_id === user.id).map((a) => [a.name, a.kind, a.currency]),
      ).toEqual([
        ['Everyday', 'checking', 'USD'],
        ['Savings', 'savings', 'USD'],
      ]);
    }
  });

  it('spans two years ending today', () => {
    for (const { email } of DEMO_USERS) {
      const dates = byUser(email).map((r) => r.occurred_on);
      const min = dates.reduce((a, b) => (a < b ? a : b));
      const max = dates.reduce((a, b) => (a > b ? a : b));
      expect(daysBetween(FIRST, min), email).toBeGreaterThanOrEqual(0);
      expect(daysBetween(FIRST, min), email).toBeLessThanOrEqual(14);
      expect(daysBetween(max, TODAY), email).toBeGreaterThanOrEqual(0);
      expect(daysBetween(max, TODAY), email).toBeLessThanOrEqual(7);
    }
  });

  it('pays a positive salary once in every month', () => {
    for (const { email } of DEMO_USERS) {
      const salaries = byUser(email).filter((r) => r.category === 'Salary');
      expect(salaries.every((r) => r.amount_minor > 0 && r.kind === 'income')).toBe(true);
      const perMonth = new Map<string, number>();
      for (const r of salaries) {
        const month = r.occurred_on.slice(0, 7);
        perMonth.set(month, (perMonth.get(month) ?? 0) + 1);
      }
      // Every month strictly inside the window; the first and last may fall before or after payday.
      const inner = months(FIRST, TODAY).slice(1, -1);
      expect(inner).toHaveLength(23);
      for (const month of inner) expect(perMonth.get(month), `${email} ${month}`).toBe(1);
      expect([...perMonth.values()].every((n) => n === 1)).toBe(true);
      expect(salaries.length).toBeGreaterThanOrEqual(23);
    }
  });

  it('moves money to savings every month as a balanced pair of Transfer rows', () => {
    for (const { email } of DEMO_USERS) {
      const transfers = byUser(email).filter((r) => r.category === 'Transfer');
      const dates = [...new Set(transfers.map((r) => r.occurred_on))];
      expect(dates.length).toBeGreaterThanOrEqual(23);
      for (const date of dates) {
        const pair = transfers.filter((r) => r.occurred_on === date);
        expect(pair.map((r) => [r.account, Math.sign(r.amount_minor)])).toEqual([
          ['Everyday', -1],
          ['Savings', 1],
        ]);
        expect(pair.reduce((sum, r) => sum + r.amount_minor, 0)).toBe(0);
      }
    }
  });

  it('has a refund and uncategorized money in both directions for everyone', () => {
    for (const { email } of DEMO_USERS) {
      const mine = byUser(email);
      expect(mine.some((r) => r.kind === 'expense' && r.amount_minor > 0)).toBe(true);
      expect(mine.some((r) => r.category === null && r.amount_minor < 0)).toBe(true);
      expect(mine.some((r) => r.category === null && r.amount_minor > 0)).toBe(true);
    }
  });

  it('stores amounts as non-zero safe integers, mostly money out', () => {
    expect(rows.every((r) => Number.isSafeInteger(r.amount_minor) && r.amount_minor !== 0)).toBe(
      true,
    );
    expect(rows.every((r) => r.payee && r.description)).toBe(true);
    expect(rows.filter((r) => r.amount_minor < 0).length / rows.length).toBeGreaterThan(0.85);
  });

  it('follows each profile’s rhythm', () => {
    const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();
    const groceries = byUser('john.doe@example.com').filter(
      (r) => r.category === 'Groceries' && r.description === 'Weekly groceries',
    );
    expect(groceries.length).toBeGreaterThanOrEqual(104);
    expect(groceries.every((r) => weekday(r.occurred_on) === 6)).toBe(true);
    expect(groceries.every((r) => r.amount_minor <= -6000 && r.amount_minor >= -18000)).toBe(true);

    const dining = byUser('jane.doe@example.com').filter((r) => r.category === 'Dining');
    const weekend = dining.filter((r) => [0, 5, 6].includes(weekday(r.occurred_on)));
    expect(weekend.length / dining.length).toBeGreaterThan(0.6);

    // Charlie travels in bursts: most travel days sit next to another travel day.
    const travelDays = [
      ...new Set(
        byUser('charlie@example.com')
          .filter((r) => r.category === 'Travel')
          .map((r) => r.occurred_on),
      ),
    ];
    const clustered = travelDays.filter(
      (d) => travelDays.includes(addDays(d, 1)) || travelDays.includes(addDays(d, -1)),
    );
    expect(travelDays.length).toBeGreaterThan(20);
    expect(clustered.length / travelDays.length).toBeGreaterThan(0.7);
  });

  it('refuses to seed a database that already has the demo users', async () => {
    await expect(seedDemo(first.db, { passwordHash: 'x', today: TODAY })).rejects.toThrow(
      /already exist/,
    );
    expect(await generatedRows(first.db)).toHaveLength(rows.length);
  });

  it('rejects a malformed today before writing anything', async () => {
    await expect(seedDemo(first.db, { passwordHash: 'x', today: '2026-02-30' })).rejects.toThrow(
      RangeError,
    );
  });
});
