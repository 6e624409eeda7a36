/**
 * A demo person's history: the days of the window walked in order, each offered to the rhythms
 * everyone shares (salary, savings, technology, learning, loose cash) and to the profile's own.
 */
import { calendarDay } from './dates.ts';
import { PROFILES, type DemoProfile, type ProfileSettings } from './demo-profiles.ts';
import { Ledger, monthName, type Entry, type Purchase, type Rhythm } from './ledger.ts';
import { Random } from './random.ts';

/**
 * One person's history over the window `first`..`last` (epoch days), in date order: the rhythms
 * everyone shares, the profile's own, and a few fixed events. The same person and window always
 * give the same entries.
 */
export function generateHistory(
  user: { email: string; profile: DemoProfile },
  first: number,
  last: number,
): Entry[] {
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
