/**
 * The three demo people: what they earn, pay every month and spend on, and each one's own rhythm
 * of days (John's weekly groceries and car, Jane's evenings out, Charlie's shopping and trips).
 * Everything here is data and dice; the ledger keeps what falls inside the window.
 */
import type { UsersTable } from '../schema.ts';
import { monthName, type AccountName, type Ledger, type Purchase, type Rhythm } from './ledger.ts';
import type { CategoryName } from './palette.ts';
import type { Random } from './random.ts';

export type DemoProfile = NonNullable<UsersTable['profile']>;

interface Subscription {
  day: number;
  payee: string;
  description: string;
  cents: number;
}

export interface ProfileSettings {
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

export const PROFILES: Record<DemoProfile, ProfileSettings> = {
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
