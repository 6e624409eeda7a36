/**
 * Demo data: three people with two years of believable history, so a fresh install has something
 * to look at. Generation is deterministic (a PRNG seeded by each user's email, calendar arithmetic
 * on whole days), so the same `today` always yields the same rows and screenshots, tests and
 * benchmarks can rely on them.
 */
import { sql, type Kysely } from 'kysely';
import { openChangeSet } from '../change-sets.ts';
import type { CategoriesTable, Database, NewTransaction, UsersTable } from '../schema.ts';
import { calendarDay, formatIsoDate, parseIsoDate, todayUtc, type CalendarDay } from './dates.ts';
import { CATEGORY_COLORS, type CategoryName } from './palette.ts';

export type DemoProfile = NonNullable<UsersTable['profile']>;

export interface DemoUser {
  email: string;
  displayName: string;
  profile: DemoProfile;
}

/** Every demo user's password. The caller hashes it: this package does not depend on argon2. */
export const DEMO_PASSWORD = 'password123';

export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'john.doe@example.com', displayName: 'John Doe', profile: 'practical' },
  { email: 'jane.doe@example.com', displayName: 'Jane Doe', profile: 'social' },
  { email: 'charlie@example.com', displayName: 'Charlie Williams', profile: 'lifestyle' },
];

/** Days of history per demo user, ending on and including `today`. */
export const DEMO_HISTORY_DAYS = 730;

export interface SeedDemoOptions {
  /** Hash of {@link DEMO_PASSWORD}, stored for every demo user. */
  passwordHash: string;
  /** Last day of the history, `YYYY-MM-DD`; defaults to today's UTC date. */
  today?: string;
}

export interface DemoSeedUserResult {
  id: string;
  email: string;
  profile: DemoProfile;
  categories: number;
  accounts: number;
  transactions: number;
}

export interface DemoSeedResult {
  /** First day of the history. */
  from: string;
  /** Last day of the history (`today`). */
  to: string;
  users: DemoSeedUserResult[];
}

/**
 * Inserts the demo users, their categories, accounts and history in one transaction.
 * Throws if any demo email is taken: demo data goes into an empty database only.
 */
export async function seedDemo(
  db: Kysely<Database>,
  options: SeedDemoOptions,
): Promise<DemoSeedResult> {
  const last = parseIsoDate(options.today ?? todayUtc());
  const first = last - DEMO_HISTORY_DAYS + 1;
  const histories = DEMO_USERS.map((user) => ({
    user,
    entries: generateHistory(user, first, last),
  }));

  const users = await db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('users')
      .select('email')
      .where((eb) =>
        eb(
          eb.fn('lower', ['email']),
          'in',
          DEMO_USERS.map((u) => u.email.toLowerCase()),
        ),
      )
      .execute();
    if (taken.length > 0) {
      const emails = taken.map((u) => u.email).join(', ');
      throw new Error(
        `Demo users already exist (${emails}); demo data is seeded only into an empty database`,
      );
    }
    const results: DemoSeedUserResult[] = [];
    for (const { user, entries } of histories) {
      results.push(await insertUser(trx, user, entries, options.passwordHash));
    }
    return results;
  });
  // Statistics for the planner: PGlite has no autovacuum to collect them later.
  await sql`analyze transactions, daily_totals, monthly_totals`.execute(db);
  return { from: formatIsoDate(first), to: formatIsoDate(last), users };
}

// ---------------------------------------------------------------------------------------------
// Insertion

const INSERT_BATCH = 1000;

async function insertUser(
  trx: Kysely<Database>,
  user: DemoUser,
  entries: readonly Entry[],
  passwordHash: string,
): Promise<DemoSeedUserResult> {
  const settings = PROFILES[user.profile];
  const { id: userId } = await trx
    .insertInto('users')
    .values({
      email: user.email,
      password_hash: passwordHash,
      display_name: user.displayName,
      profile: user.profile,
      home_currency: 'USD',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // One change set per person: their history shows the demo data as one entry, undoable as one.
  await openChangeSet(trx, {
    user: { id: userId },
    actor: { kind: 'job', id: null },
    action: 'seed.demo',
    summary: { transactions: entries.length },
  });

  const categoryNames: CategoryName[] = [...settings.expenses, 'Salary', 'Transfer'];
  const categories = await trx
    .insertInto('categories')
    .values(
      categoryNames.map((name) => ({
        user_id: userId,
        name,
        kind: categoryKind(name),
        color: CATEGORY_COLORS[name],
      })),
    )
    .returning(['id', 'name'])
    .execute();
  const accounts = await trx
    .insertInto('accounts')
    .values([
      {
        user_id: userId,
        name: 'Everyday',
        kind: 'checking',
        currency: 'USD',
        opening_balance_minor: settings.openingCents.Everyday,
      },
      {
        user_id: userId,
        name: 'Savings',
        kind: 'savings',
        currency: 'USD',
        opening_balance_minor: settings.openingCents.Savings,
      },
    ])
    .returning(['id', 'name'])
    .execute();

  const categoryIds = new Map(categories.map((c) => [c.name, c.id]));
  const accountIds = new Map(accounts.map((a) => [a.name, a.id]));
  const rows = entries.map((e): NewTransaction => ({
    user_id: userId,
    account_id: idOf(accountIds, e.account),
    occurred_on: formatIsoDate(e.day),
    amount_minor: e.amount,
    currency: 'USD',
    category_id: e.category === null ? null : idOf(categoryIds, e.category),
    payee: e.payee,
    description: e.description,
  }));
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    await trx
      .insertInto('transactions')
      .values(rows.slice(i, i + INSERT_BATCH))
      .execute();
  }
  return {
    id: userId,
    email: user.email,
    profile: user.profile,
    categories: categories.length,
    accounts: accounts.length,
    transactions: rows.length,
  };
}

function categoryKind(name: CategoryName): CategoriesTable['kind'] {
  if (name === 'Salary') return 'income';
  if (name === 'Transfer') return 'transfer';
  return 'expense';
}

function idOf(ids: ReadonlyMap<string, string>, name: string): string {
  const id = ids.get(name);
  if (id === undefined) throw new Error(`No id for "${name}"`);
  return id;
}

// ---------------------------------------------------------------------------------------------
// Randomness: mulberry32 seeded with FNV-1a of the email. Math.exp/log are deterministic in V8
// (fdlibm ports), so amounts do not vary between machines.

class Random {
  #state: number;

  constructor(key: string) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) {
      hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
    }
    this.#state = hash >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new Error('Cannot pick from an empty list');
    return item;
  }

  /** Cents, uniform between two dollar amounts. */
  dollars(min: number, max: number): number {
    return Math.round((min + this.float() * (max - min)) * 100);
  }

  /** Cents, log-uniform between two dollar amounts: small purchases common, large ones rare. */
  skewed(min: number, max: number): number {
    const log = Math.log(min) + this.float() * (Math.log(max) - Math.log(min));
    return Math.round(Math.exp(log) * 100);
  }
}

// ---------------------------------------------------------------------------------------------
// History

type AccountName = 'Everyday' | 'Savings';

interface Entry {
  day: number;
  account: AccountName;
  category: CategoryName | null;
  payee: string;
  description: string;
  /** Cents; negative = money out. */
  amount: number;
}

/** Collects entries, dropping those outside the window (e.g. a flight booked before it opens). */
class Ledger {
  readonly entries: Entry[] = [];

  constructor(
    readonly first: number,
    readonly last: number,
  ) {}

  add(entry: Entry): void {
    if (entry.day >= this.first && entry.day <= this.last) this.entries.push(entry);
  }

  /** Money out of the everyday account. */
  spend(
    day: number,
    category: CategoryName | null,
    payee: string,
    description: string,
    cents: number,
  ): void {
    this.add({ day, account: 'Everyday', category, payee, description, amount: -cents });
  }

  /** Money into the everyday account. */
  receive(
    day: number,
    category: CategoryName | null,
    payee: string,
    description: string,
    cents: number,
  ): void {
    this.add({ day, account: 'Everyday', category, payee, description, amount: cents });
  }
}

type Rhythm = (day: CalendarDay) => void;

interface Subscription {
  day: number;
  payee: string;
  description: string;
  cents: number;
}

interface ProfileSettings {
  expenses: readonly CategoryName[];
  employer: string;
  salaryDay: number;
  salaryCents: number;
  /** Moved to Savings the day after payday. */
  transferCents: number;
  openingCents: Record<AccountName, number>;
  techSubscription: Subscription;
  learningSubscription: Subscription;
  /** Charged every January and August. */
  course: { payee: string; description: string; min: number; max: number };
  /** This person's own spending habits. */
  rhythm: (rng: Random, ledger: Ledger) => Rhythm;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

function monthName(day: CalendarDay): string {
  return MONTHS[day.month] ?? '';
}

function generateHistory(user: DemoUser, first: number, last: number): Entry[] {
  const settings = PROFILES[user.profile];
  const rng = new Random(user.email);
  const ledger = new Ledger(first, last);
  const rhythms = [shared(settings, rng, ledger), settings.rhythm(rng, ledger)];
  for (let n = first; n <= last; n++) {
    const day = calendarDay(n);
    for (const rhythm of rhythms) rhythm(day);
  }

  // Fixed events, so every user has a refund and both signs of uncategorized money whatever the
  // dice said.
  const headphones = 27_999;
  ledger.spend(last - 150, 'Technology', 'Best Buy', 'Noise-cancelling headphones', headphones);
  ledger.receive(last - 138, 'Technology', 'Best Buy', 'Refund: returned headphones', headphones);
  ledger.receive(last - 45, null, 'Mobile deposit', 'Cash gift deposited', 15_000);
  ledger.spend(last - 20, null, 'Check #1042', 'Paper check', 8_500);

  // Trips are planned ahead, so entries arrive out of order; the sort is stable.
  return ledger.entries.sort((a, b) => a.day - b.day);
}

/** Payee, description and a price range in dollars. */
type Purchase = readonly [payee: string, description: string, min: number, max: number];

const ACCESSORIES: readonly Purchase[] = [
  ['Amazon', 'USB-C charging cable', 12, 25],
  ['Amazon', 'Phone case', 15, 45],
  ['Best Buy', 'Wireless mouse', 25, 80],
  ['Best Buy', 'HDMI adapter', 15, 35],
  ['Apple Store', 'AirTag', 29, 29],
  ['Amazon', 'Portable SSD', 60, 140],
];

const BIG_TECH: readonly Purchase[] = [
  ['Apple Store', 'MacBook Air', 1099, 1499],
  ['Apple Store', 'iPhone', 799, 1199],
  ['Best Buy', '27" monitor', 249, 499],
  ['Best Buy', 'Tablet', 449, 899],
  ['B&H Photo', 'Mirrorless camera', 899, 1599],
];

const BOOKSHOPS = [
  'Barnes & Noble',
  "O'Reilly Media",
  'Amazon Books',
  'City Lights Books',
] as const;
const FRIENDS = ['Alex', 'Sam', 'Priya', 'Marco', 'Lena'] as const;

/** Salary, savings, technology, learning and loose cash: common to everyone. */
function shared(settings: ProfileSettings, rng: Random, ledger: Ledger): Rhythm {
  const raiseFrom = ledger.first + 365;
  return (day) => {
    const { n, dayOfMonth, month } = day;
    if (dayOfMonth === settings.salaryDay) {
      const cents = n >= raiseFrom ? Math.round(settings.salaryCents * 1.04) : settings.salaryCents;
      ledger.receive(n, 'Salary', settings.employer, `Salary ${monthName(day)}`, cents);
    }
    if (dayOfMonth === settings.salaryDay + 1) {
      const cents = settings.transferCents;
      const common = { day: n, category: 'Transfer', description: 'Monthly savings' } as const;
      ledger.add({ ...common, account: 'Everyday', payee: 'Transfer to Savings', amount: -cents });
      ledger.add({ ...common, account: 'Savings', payee: 'Transfer from Everyday', amount: cents });
    }

    for (const [category, sub] of [
      ['Technology', settings.techSubscription],
      ['Education', settings.learningSubscription],
    ] as const) {
      if (dayOfMonth === sub.day) ledger.spend(n, category, sub.payee, sub.description, sub.cents);
    }
    if (rng.chance(1 / 45)) {
      const [payee, description, min, max] = rng.pick(ACCESSORIES);
      ledger.spend(n, 'Technology', payee, description, rng.dollars(min, max));
    }
    if (rng.chance(1 / 110)) {
      const [payee, description, min, max] = rng.pick(BIG_TECH);
      ledger.spend(n, 'Technology', payee, description, rng.int(min, max) * 100 - 1);
    }

    if (rng.chance(1 / 35)) {
      ledger.spend(n, 'Education', rng.pick(BOOKSHOPS), 'Books', rng.dollars(12, 60));
    }
    if ((month === 0 || month === 7) && dayOfMonth === 15) {
      const { payee, description, min, max } = settings.course;
      ledger.spend(n, 'Education', payee, description, rng.dollars(min, max));
    }

    if (rng.chance(1 / 40)) {
      ledger.spend(n, null, 'Chase ATM', 'ATM withdrawal', rng.pick([40, 60, 80, 100, 200]) * 100);
    }
    if (rng.chance(1 / 120)) {
      ledger.receive(n, null, 'Venmo', `From ${rng.pick(FRIENDS)}`, rng.dollars(15, 120));
    }
  };
}

/** Electricity by month: heating in winter, air conditioning in summer. */
const ELECTRICITY = [110, 105, 90, 75, 70, 85, 115, 120, 90, 75, 85, 105] as const;

/** John: weekly groceries, bills on fixed days, a car. */
function practical(rng: Random, ledger: Ledger): Rhythm {
  let nextFuel = ledger.first + rng.int(0, 6);
  return (day) => {
    const { n, weekday, dayOfMonth, month } = day;
    if (weekday === 6) {
      const store = rng.pick(["Trader Joe's", 'Safeway', 'Whole Foods Market', 'Costco']);
      const cents = store === 'Costco' ? rng.dollars(120, 180) : rng.dollars(60, 140);
      ledger.spend(n, 'Groceries', store, 'Weekly groceries', cents);
    }
    if (weekday === 3 && rng.chance(0.35)) {
      ledger.spend(
        n,
        'Groceries',
        rng.pick(['Corner Market', 'Safeway']),
        'Top-up shop',
        rng.dollars(8, 40),
      );
    }

    const base = ELECTRICITY[month] ?? 90;
    if (dayOfMonth === 5) {
      ledger.spend(
        n,
        'Utilities',
        'PG&E',
        `Electricity ${monthName(day)}`,
        rng.dollars(base * 0.85, base * 1.15),
      );
    }
    if (dayOfMonth === 12) {
      ledger.spend(n, 'Utilities', 'City Water', `Water ${monthName(day)}`, rng.dollars(32, 58));
    }
    if (dayOfMonth === 18) {
      const cents = n >= ledger.first + 365 ? 7_499 : 6_999;
      ledger.spend(n, 'Utilities', 'Comcast Xfinity', 'Home internet', cents);
    }
    if (dayOfMonth === 22) ledger.spend(n, 'Utilities', 'Verizon Wireless', 'Phone plan', 4_500);

    if (n >= nextFuel) {
      ledger.spend(
        n,
        'Transport',
        rng.pick(['Shell', 'Chevron', 'Costco Gas']),
        'Fuel',
        rng.dollars(35, 65),
      );
      nextFuel = n + rng.int(5, 8);
    }
    if (dayOfMonth === 1) ledger.spend(n, 'Transport', 'Clipper', 'Transit autoload', 8_600);
    if (dayOfMonth === 8) ledger.spend(n, 'Transport', 'GEICO', 'Car insurance', 11_200);
    if (weekday >= 1 && weekday <= 5 && rng.chance(0.08)) {
      ledger.spend(n, 'Transport', 'City Parking', 'Downtown parking', rng.dollars(6, 18));
    }
    if ((month === 3 || month === 9) && dayOfMonth === 10) {
      ledger.spend(n, 'Transport', 'Jiffy Lube', 'Oil change', rng.dollars(59, 89));
    }
  };
}

const DINNERS = [
  'Nopa',
  'Zuni Café',
  'Kin Khao',
  'Flour + Water',
  'State Bird Provisions',
  'Burma Superstar',
];
const BRUNCHES = ['Tartine', 'Zazie', 'Plow', 'Outerlands'];
const LUNCHES = ['Sweetgreen', 'Souvla', 'Tacolicious', 'Blue Bottle Coffee'];
const OUTINGS: readonly Purchase[] = [
  ['AMC Theatres', 'Movie night', 14, 32],
  ['Lucky Strike', 'Bowling', 20, 45],
  ['Alamo Drafthouse', 'Movie and snacks', 18, 40],
  ['Punch Line', 'Comedy show', 25, 45],
];

/** Jane: dinners and brunches with friends, rides home, shows. */
function social(rng: Random, ledger: Ledger): Rhythm {
  return (day) => {
    const { n, weekday, dayOfMonth } = day;
    let nightOut = false;
    if (weekday === 5 && rng.chance(0.7)) {
      ledger.spend(n, 'Dining', rng.pick(DINNERS), 'Dinner with friends', rng.dollars(35, 110));
      nightOut = true;
    }
    if ((weekday === 6 && rng.chance(0.6)) || (weekday === 0 && rng.chance(0.4))) {
      ledger.spend(n, 'Dining', rng.pick(BRUNCHES), 'Brunch', rng.dollars(22, 65));
    }
    if (weekday === 6 && rng.chance(0.5)) {
      ledger.spend(n, 'Dining', rng.pick(DINNERS), 'Dinner', rng.dollars(40, 120));
      nightOut = true;
    }
    if (weekday >= 1 && weekday <= 4 && rng.chance(0.25)) {
      ledger.spend(n, 'Dining', rng.pick(LUNCHES), 'Lunch', rng.dollars(11, 22));
    }
    if (nightOut && rng.chance(0.5)) {
      ledger.spend(n, 'Transport', rng.pick(['Uber', 'Lyft']), 'Ride home', rng.dollars(9, 32));
    }
    if (dayOfMonth === 1) ledger.spend(n, 'Transport', 'Clipper', 'Monthly transit pass', 9_800);

    if (dayOfMonth === 9) ledger.spend(n, 'Entertainment', 'Netflix', 'Streaming', 1_549);
    if (dayOfMonth === 17) ledger.spend(n, 'Entertainment', 'Spotify', 'Music', 1_099);
    if (weekday === 6 && rng.chance(0.3)) {
      const [payee, description, min, max] = rng.pick(OUTINGS);
      ledger.spend(n, 'Entertainment', payee, description, rng.dollars(min, max));
    }
    if (rng.chance(1 / 60)) {
      ledger.spend(n, 'Entertainment', 'Ticketmaster', 'Concert tickets', rng.dollars(65, 240));
    }
  };
}

const STORES = ['Nordstrom', 'Zara', 'Uniqlo', 'Sephora', 'Target', 'Amazon', 'Anthropologie'];
interface Destination {
  city: string;
  airline: string;
  stay: string;
  local: readonly Purchase[];
}

const DESTINATIONS: readonly Destination[] = [
  {
    city: 'Lisbon',
    airline: 'TAP Air Portugal',
    stay: 'Airbnb',
    local: [
      ['Time Out Market', 'Lunch', 12, 45],
      ['Uber', 'Taxi', 8, 30],
      ['Oceanário de Lisboa', 'Aquarium tickets', 25, 40],
      ['Cervejaria Ramiro', 'Seafood dinner', 60, 120],
    ],
  },
  {
    city: 'Tokyo',
    airline: 'Japan Airlines',
    stay: 'Hotel Gracery Shinjuku',
    local: [
      ['Ichiran Ramen', 'Dinner', 12, 25],
      ['Suica', 'Metro card top-up', 15, 40],
      ['teamLab Planets', 'Exhibition tickets', 30, 45],
      ['Tsukiji Outer Market', 'Breakfast', 15, 50],
    ],
  },
  {
    city: 'New York',
    airline: 'Delta Air Lines',
    stay: 'Marriott',
    local: [
      ["Katz's Delicatessen", 'Lunch', 25, 45],
      ['MTA', 'Subway fares', 10, 34],
      ['The Met', 'Museum tickets', 30, 60],
      ['Telecharge', 'Broadway tickets', 90, 240],
    ],
  },
  {
    city: 'Mexico City',
    airline: 'Aeroméxico',
    stay: 'Airbnb',
    local: [
      ['Contramar', 'Lunch', 30, 80],
      ['Uber', 'Taxi', 5, 18],
      ['Museo Frida Kahlo', 'Museum tickets', 15, 25],
      ['Pujol', 'Tasting menu', 150, 260],
    ],
  },
];

/** Charlie: shopping (with returns), a trip every few months, gym and wellness. */
function lifestyle(rng: Random, ledger: Ledger): Rhythm {
  for (
    let start = ledger.first + rng.int(10, 40);
    start <= ledger.last;
    start += rng.int(70, 130)
  ) {
    const nights = rng.int(3, 8);
    const trip = rng.pick(DESTINATIONS);
    ledger.spend(
      start - rng.int(20, 50),
      'Travel',
      trip.airline,
      `Flights to ${trip.city}`,
      rng.dollars(220, 950),
    );
    ledger.spend(
      start,
      'Travel',
      trip.stay,
      `${nights} nights in ${trip.city}`,
      nights * rng.dollars(120, 280),
    );
    if (rng.chance(0.4)) {
      ledger.spend(
        start,
        'Travel',
        'Hertz',
        `Car rental in ${trip.city}`,
        (nights + 1) * rng.dollars(45, 75),
      );
    }
    for (let d = start; d <= start + nights; d++) {
      for (let i = rng.int(1, 3); i > 0; i--) {
        const [payee, description, min, max] = rng.pick(trip.local);
        ledger.spend(d, 'Travel', payee, description, rng.dollars(min, max));
      }
    }
  }

  return (day) => {
    const { n, weekday, dayOfMonth, month } = day;
    const holidays = month === 10 || month === 11;
    if (rng.chance(holidays ? 0.4 : 0.2)) {
      const store = rng.pick(STORES);
      const cents = rng.skewed(18, 220);
      ledger.spend(
        n,
        'Shopping',
        store,
        holidays ? 'Holiday shopping' : 'Clothes and accessories',
        cents,
      );
      if (rng.chance(0.05)) {
        ledger.receive(n + rng.int(7, 20), 'Shopping', store, 'Refund: returned item', cents);
      }
    }
    if (rng.chance(1 / 60)) {
      ledger.spend(
        n,
        'Shopping',
        rng.pick(['IKEA', 'West Elm', 'Nordstrom']),
        'Home and wardrobe',
        rng.dollars(250, 600),
      );
    }

    if (dayOfMonth === 3) ledger.spend(n, 'Health', 'Equinox', 'Gym membership', 21_500);
    if ((weekday === 2 || weekday === 4) && rng.chance(0.35)) {
      ledger.spend(n, 'Health', 'CorePower Yoga', 'Yoga class', 2_500);
    }
    if (rng.chance(1 / 25)) {
      ledger.spend(
        n,
        'Health',
        rng.pick(['CVS Pharmacy', 'Walgreens']),
        'Pharmacy',
        rng.dollars(8, 45),
      );
    }
    if ((month === 2 || month === 8) && dayOfMonth === 14) {
      ledger.spend(n, 'Health', 'Bright Smile Dental', 'Dental check-up', rng.dollars(120, 180));
    }
    if (rng.chance(1 / 120)) {
      ledger.spend(n, 'Health', 'One Medical', 'Doctor visit copay', rng.dollars(30, 60));
    }
  };
}

const PROFILES: Record<DemoProfile, ProfileSettings> = {
  practical: {
    expenses: ['Groceries', 'Utilities', 'Transport', 'Technology', 'Education'],
    employer: 'Northwind Logistics',
    salaryDay: 25,
    salaryCents: 320_000,
    transferCents: 80_000,
    openingCents: { Everyday: 245_000, Savings: 800_000 },
    techSubscription: { day: 9, payee: 'Dropbox', description: 'Dropbox Plus', cents: 1_199 },
    learningSubscription: {
      day: 10,
      payee: 'Coursera',
      description: 'Coursera Plus',
      cents: 5_900,
    },
    course: {
      payee: 'City College Extension',
      description: 'Evening course tuition',
      min: 450,
      max: 850,
    },
    rhythm: practical,
  },
  social: {
    expenses: ['Dining', 'Entertainment', 'Transport', 'Technology', 'Education'],
    employer: 'Brightside Media',
    salaryDay: 1,
    salaryCents: 290_000,
    transferCents: 50_000,
    openingCents: { Everyday: 180_000, Savings: 320_000 },
    techSubscription: { day: 14, payee: 'Apple', description: 'iCloud+ storage', cents: 299 },
    learningSubscription: {
      day: 20,
      payee: 'Duolingo',
      description: 'Duolingo Super',
      cents: 1_299,
    },
    course: { payee: 'General Assembly', description: 'UX design workshop', min: 300, max: 650 },
    rhythm: social,
  },
  lifestyle: {
    expenses: ['Shopping', 'Travel', 'Health', 'Technology', 'Education'],
    employer: 'Vantage Consulting',
    salaryDay: 15,
    salaryCents: 410_000,
    transferCents: 90_000,
    openingCents: { Everyday: 520_000, Savings: 1_500_000 },
    techSubscription: { day: 7, payee: 'Apple', description: 'Apple One', cents: 1_995 },
    learningSubscription: {
      day: 12,
      payee: 'MasterClass',
      description: 'MasterClass membership',
      cents: 1_500,
    },
    course: {
      payee: 'San Francisco Cooking School',
      description: 'Cooking course',
      min: 350,
      max: 900,
    },
    rhythm: lifestyle,
  },
};
