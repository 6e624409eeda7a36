/**
 * Bulk data for benchmarks: many users with many transactions, generated inside the database by
 * `INSERT … SELECT … FROM generate_series` so no row crosses the wire. Every random value is a
 * hash of (row number, seed), so a seed always yields the same rows, on PGlite as on PostgreSQL.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { openChangeSet } from '../change-sets.ts';
import type { CategoriesTable, Database } from '../schema.ts';
import { parseIsoDate, todayUtc } from './dates.ts';
import { CATEGORY_COLORS, type CategoryName } from './palette.ts';

export interface GenerateBulkOptions {
  users: number;
  transactionsPerUser: number;
  seed: number;
  passwordHash: string;
  /** Users are `<prefix>-1@example.com`, `<prefix>-2@example.com`…; default `bench`. */
  emailPrefix?: string;
  /** Last day of the history, `YYYY-MM-DD`; defaults to today's UTC date. */
  today?: string;
  /** Called after each chunk with the rows inserted so far. */
  onProgress?: (done: number, total: number) => void;
  /** Rows per INSERT … SELECT statement; default 100,000. */
  chunkSize?: number;
  /**
   * Insert the transactions with triggers and foreign-key checks off, then build the per-period
   * totals and move the data versions once, as `pg_restore --disable-triggers` loads trusted
   * data. Needs a superuser (PGlite's user is one). Default: on when the role is a superuser.
   */
  bypassTriggers?: boolean;
}

export interface BulkResult {
  userIds: string[];
  rows: number;
  ms: number;
}

/** Days of history, ending on `today`. */
export const BULK_HISTORY_DAYS = 1826;

// The order is part of the generator: SQL picks a category by its 1-based slot in this list.
// Slots 1 and 2 are Salary and Transfer, 3…12 the expense categories.
const CATEGORIES: readonly CategoryName[] = [
  'Salary',
  'Transfer',
  'Groceries',
  'Dining',
  'Transport',
  'Utilities',
  'Housing',
  'Shopping',
  'Entertainment',
  'Health',
  'Travel',
  'Technology',
];
const FIRST_EXPENSE_SLOT = 3;
const EXPENSE_CATEGORIES = CATEGORIES.length - FIRST_EXPENSE_SLOT + 1;

/** Five payees per expense category, in the order of the expense slots. */
const PAYEES_PER_CATEGORY = 5;
const PAYEES = [
  ...['Safeway', "Trader Joe's", 'Whole Foods Market', 'Costco', 'Kroger'],
  ...['Starbucks', 'Chipotle', 'Sweetgreen', 'Shake Shack', 'Olive Garden'],
  ...['Shell', 'Chevron', 'Uber', 'Lyft', 'Amtrak'],
  ...['PG&E', 'Comcast Xfinity', 'Verizon Wireless', 'AT&T', 'City Water'],
  ...['Greystar', 'Home Depot', "Lowe's", 'State Farm', 'Ace Hardware'],
  ...['Amazon', 'Target', 'Walmart', 'Nordstrom', 'IKEA'],
  ...['Netflix', 'Spotify', 'AMC Theatres', 'Ticketmaster', 'Steam'],
  ...['CVS Pharmacy', 'Walgreens', 'Equinox', 'One Medical', 'Kaiser Permanente'],
  ...['Delta Air Lines', 'United Airlines', 'Marriott', 'Airbnb', 'Hertz'],
  ...['Apple Store', 'Best Buy', 'Microsoft', 'Dropbox', 'B&H Photo'],
];

const DEFAULT_CHUNK = 100_000;

export async function generateBulk(
  db: Kysely<Database>,
  options: GenerateBulkOptions,
): Promise<BulkResult> {
  const started = performance.now();
  const { users, transactionsPerUser: perUser, seed, passwordHash } = options;
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  const total = users * perUser;
  for (const [name, value, min] of [
    ['users', users, 1],
    ['transactionsPerUser', perUser, 0],
    ['chunkSize', chunkSize, 1],
    ['seed', seed, 0],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < min) {
      throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
    }
  }
  const today = options.today ?? todayUtc();
  parseIsoDate(today); // throws on a malformed date before anything is written
  const prefix = options.emailPrefix ?? 'bench';
  const emails = Array.from({ length: users }, (_, i) => `${prefix}-${i + 1}@example.com`);

  const userIds = await db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('users')
      .select('email')
      .where(sql<boolean>`lower(email) = any(${emails}::text[])`)
      .limit(3)
      .execute();
    if (taken.length > 0) {
      const sample = taken.map((u) => u.email).join(', ');
      throw new Error(`Bulk users already exist (${sample}…); choose another emailPrefix`);
    }

    const ids = await insertUsers(trx, emails, passwordHash);
    // Every reference a generated row carries comes from the ids just inserted, so the row-level
    // foreign-key checks (three per row, about half the load time) can only pass: checking them
    // once per row is the cost, not the safety. The triggers' work is done once at the end, and
    // bench data, never a person's, is not written to the change log. Through the triggers, each
    // user's rows are written in change sets of that user (DESIGN §9).
    const bypass = options.bypassTriggers ?? (await isSuperuser(trx));
    if (bypass) await sql`set local session_replication_role = replica`.execute(trx);
    const categoryIds: string[] = [];
    const accountIds: string[] = [];
    for (const group of bypass ? [ids] : ids.map((id) => [id])) {
      if (!bypass) await openGeneratorChangeSet(trx, group[0]!);
      categoryIds.push(...(await insertCategories(trx, group)));
      accountIds.push(...(await insertAccounts(trx, group)));
    }
    for (let from = 0; from < total; from += chunkSize) {
      const to = Math.min(from + chunkSize, total);
      const chunk = { from, to, perUser, seed, today, ids, categoryIds, accountIds };
      if (bypass) {
        await insertChunk(trx, chunk);
      } else {
        // A statement writes one user's rows: the part of the chunk in each user's range. Rows
        // come in user order, so each user's change set opens once, as their first row comes.
        for (let start = from; start < to;) {
          const user = Math.floor(start / perUser);
          if (start % perUser === 0) await openGeneratorChangeSet(trx, ids[user]!);
          const end = Math.min(to, (user + 1) * perUser);
          await insertChunk(trx, { ...chunk, from: start, to: end });
          start = end;
        }
      }
      options.onProgress?.(to, total);
    }
    if (bypass) {
      await sql`set local session_replication_role = origin`.execute(trx);
      await addPeriodTotals(trx, ids);
      await sql`update users set data_version = data_version + 1 where id = any(${ids}::uuid[])`.execute(
        trx,
      );
    }
    return ids;
  });

  // The per-period totals the triggers filled need statistics too, or the planner guesses badly
  // until autovacuum gets round to them (PGlite has no autovacuum at all).
  await sql`analyze transactions, daily_totals, monthly_totals`.execute(db);
  return { userIds, rows: total, ms: Math.round(performance.now() - started) };
}

function openGeneratorChangeSet(trx: Kysely<Database>, userId: string): Promise<string> {
  return openChangeSet(trx, {
    user: { id: userId },
    actor: { kind: 'job', id: null },
    action: 'seed.bulk',
    summary: {},
  });
}

async function isSuperuser(trx: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{
    superuser: boolean;
  }>`select rolsuper as superuser from pg_roles where rolname = current_user`.execute(trx);
  return rows[0]?.superuser === true;
}

/**
 * The per-day and per-month totals of new users' transactions: the same grouping the totals
 * triggers apply to every insert, done once over all the rows.
 */
async function addPeriodTotals(trx: Kysely<Database>, userIds: readonly string[]): Promise<void> {
  // Generated rows are never split, so each is one entry.
  await sql`insert into daily_totals (user_id, day, category_id, sign, transfer, amount_sum, row_count)
    select user_id, occurred_on, category_id, sign(amount_minor)::smallint, transfer_id is not null,
      sum(amount_minor), count(*)
    from transactions where user_id = any(${userIds}::uuid[]) group by 1, 2, 3, 4, 5`.execute(trx);
  await sql`insert into monthly_totals (user_id, month, category_id, sign, transfer, amount_sum, row_count)
    select user_id, date_trunc('month', occurred_on::timestamp)::date, category_id,
      sign(amount_minor)::smallint, transfer_id is not null, sum(amount_minor), count(*)
    from transactions where user_id = any(${userIds}::uuid[]) group by 1, 2, 3, 4, 5`.execute(trx);
}

const USER_BATCH = 1000;

async function insertUsers(
  trx: Kysely<Database>,
  emails: readonly string[],
  passwordHash: string,
): Promise<string[]> {
  const ids = new Map<string, string>();
  for (let i = 0; i < emails.length; i += USER_BATCH) {
    const rows = await trx
      .insertInto('users')
      .values(
        emails.slice(i, i + USER_BATCH).map((email, j) => ({
          email,
          password_hash: passwordHash,
          display_name: `Bench User ${i + j + 1}`,
          home_currency: 'USD',
        })),
      )
      .returning(['id', 'email'])
      .execute();
    for (const row of rows) ids.set(row.email, row.id);
  }
  return emails.map((email) => required(ids.get(email), email));
}

/** Category ids flattened user by user in slot order, for 1-based lookup in SQL. */
async function insertCategories(
  trx: Kysely<Database>,
  userIds: readonly string[],
): Promise<string[]> {
  const kinds = CATEGORIES.map((name): CategoriesTable['kind'] =>
    name === 'Salary' ? 'income' : name === 'Transfer' ? 'transfer' : 'expense',
  );
  const colors = CATEGORIES.map((name) => CATEGORY_COLORS[name]);
  const { rows } = await sql<{ user_id: string; id: string; name: string }>`
    insert into categories (user_id, name, kind, color)
    select u.id, c.name, c.kind, c.color
    from unnest(${userIds}::uuid[]) as u(id)
    cross join unnest(${CATEGORIES}::text[], ${kinds}::text[], ${colors}::text[]) as c(name, kind, color)
    returning user_id, id, name`.execute(trx);
  const ids = new Map(rows.map((r) => [`${r.user_id}/${r.name}`, r.id]));
  return userIds.flatMap((userId) =>
    CATEGORIES.map((name) => required(ids.get(`${userId}/${name}`), name)),
  );
}

/** Checking then savings account id per user, flattened. */
async function insertAccounts(
  trx: Kysely<Database>,
  userIds: readonly string[],
): Promise<string[]> {
  const { rows } = await sql<{ user_id: string; id: string; kind: string }>`
    insert into accounts (user_id, name, kind, currency)
    select u.id, a.name, a.kind, 'USD'
    from unnest(${userIds}::uuid[]) as u(id)
    cross join (values ('Checking', 'checking'), ('Savings', 'savings')) as a(name, kind)
    returning user_id, id, kind`.execute(trx);
  const ids = new Map(rows.map((r) => [`${r.user_id}/${r.kind}`, r.id]));
  return userIds.flatMap((userId) =>
    ['checking', 'savings'].map((kind) => required(ids.get(`${userId}/${kind}`), kind)),
  );
}

function required(value: string | undefined, what: string): string {
  if (value === undefined) throw new Error(`Missing id for ${what}`);
  return value;
}

interface Chunk {
  /** Global row numbers [from, to): row g belongs to user g / perUser. */
  from: number;
  to: number;
  perUser: number;
  seed: number;
  today: string;
  ids: readonly string[];
  categoryIds: readonly string[];
  accountIds: readonly string[];
}

/**
 * The first 20 hex digits of a generated row's id: the seed's low 48 bits, then version 8
 * (custom) and the RFC 9562 variant. The row number fills the last 12, so ids are unique within
 * a run (the key is per user, and a user's rows all come from one run) and rise with `g`: every
 * chunk appends at the right edge of the primary-key index instead of dirtying random pages.
 */
function seedHex(seed: number): string {
  const hex = (seed % 2 ** 48).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8000-8000-`;
}

/** Uniform in [0, 1): the `stream`-th independent value of row `g` (one hash seed per stream). */
function uniform(seed: number, stream: number): RawBuilder<number> {
  const streamSeed = (BigInt(seed) * 8n + BigInt(stream)).toString();
  return sql<number>`(hashint8extended(g, ${streamSeed}::int8) & 4503599627370495)::float8
    / 4503599627370496::float8`;
}

/**
 * Dates rise with the row number, as a history does when it is recorded day by day: a user's
 * rows are spread evenly over the five years, oldest first, with a random place within each row's
 * share of the span (so the table's physical order follows the dates, as it would in use).
 *
 * Mix: ~3% income, ~2% transfers, ~3% uncategorized (a fifth of them money in), ~1% refunds, the
 * rest expenses, skewed towards the first expense categories. Amounts are log-uniform between
 * $2 and $200, with a 3% tail between $200 and $3,000.
 *
 * `offset 0` keeps each derived table from being flattened into the next: flattened, every
 * reference to `kind` or `r_amount` would recompute its hashes.
 */
async function insertChunk(trx: Kysely<Database>, c: Chunk): Promise<void> {
  const perUser = CATEGORIES.length;
  await sql`
    insert into transactions
      (user_id, id, account_id, occurred_on, amount_minor, currency, category_id, payee, description)
    select
      p.user_ids[u + 1],
      (${seedHex(c.seed)} || lpad(to_hex(g), 12, '0'))::uuid,
      p.account_ids[u * 2 + case when kind = 'transfer' and money_in then 2 else 1 end],
      ${c.today}::date - ${BULK_HISTORY_DAYS - 1}::int
        + floor((g % ${c.perUser}::int8 + r_day) * ${BULK_HISTORY_DAYS}::float8 / ${c.perUser}::float8)::int,
      case kind
        when 'income' then 200000 + round(r_amount * 400000)::int8
        when 'transfer' then
          (case when money_in then 1 else -1 end) * (5000 + round(r_amount * 19) * 5000)::int8
        when 'refund' then cents
        when 'uncategorized' then case when money_in then cents else -cents end
        else -cents
      end,
      'USD',
      case kind
        when 'income' then p.category_ids[u * ${perUser} + 1]
        when 'transfer' then p.category_ids[u * ${perUser} + 2]
        when 'uncategorized' then null
        else p.category_ids[u * ${perUser} + slot]
      end,
      case
        when kind = 'income' then 'Payroll'
        when kind = 'transfer' and money_in then 'Transfer from Checking'
        when kind = 'transfer' then 'Transfer to Savings'
        when kind = 'uncategorized' and money_in then 'Venmo'
        when kind = 'uncategorized' then p.payees[1 + floor(r_payee * ${PAYEES.length})::int]
        else p.payees[(slot - ${FIRST_EXPENSE_SLOT}) * ${PAYEES_PER_CATEGORY} + 1
          + floor(r_payee * ${PAYEES_PER_CATEGORY})::int]
      end,
      case kind
        when 'income' then 'Salary'
        when 'transfer' then 'Savings transfer'
        when 'refund' then 'Refund'
        when 'uncategorized' then
          case when money_in then 'Payment received' else 'Cash withdrawal' end
        else 'Card purchase'
      end
    from (
      select r.*,
        case
          when r_kind < 0.03 then 'income'
          when r_kind < 0.05 then 'transfer'
          when r_kind < 0.08 then 'uncategorized'
          when r_kind < 0.09 then 'refund'
          else 'expense'
        end as kind,
        ${FIRST_EXPENSE_SLOT} + floor(power(r_category, 1.6) * ${EXPENSE_CATEGORIES})::int as slot,
        case
          when r_tail < 0.03 then round(20000 * power(15::float8, r_amount))
          else round(200 * power(100::float8, r_amount))
        end::int8 as cents,
        r_sign < 0.2 as money_in
      from (
        select g, (g / ${c.perUser})::int as u,
          ${uniform(c.seed, 0)} as r_day,
          ${uniform(c.seed, 1)} as r_kind,
          ${uniform(c.seed, 2)} as r_category,
          ${uniform(c.seed, 3)} as r_amount,
          ${uniform(c.seed, 4)} as r_tail,
          ${uniform(c.seed, 5)} as r_payee,
          ${uniform(c.seed, 6)} as r_sign
        from generate_series(${c.from}::int8, ${c.to - 1}::int8) as g
        offset 0
      ) as r
      offset 0
    ) as k,
    (select ${c.ids}::uuid[] as user_ids, ${c.categoryIds}::uuid[] as category_ids,
      ${c.accountIds}::uuid[] as account_ids, ${PAYEES}::text[] as payees) as p`.execute(trx);
}
