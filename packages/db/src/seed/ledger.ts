/**
 * What the demo history is written into: entries on whole days (days since 1970-01-01), a ledger
 * that keeps those inside the window, and the per-day rhythms that write them.
 */
import type { CalendarDay } from './dates.ts';
import type { CategoryName } from './palette.ts';

export type AccountName = 'Everyday' | 'Savings';

export interface Entry {
  day: number;
  account: AccountName;
  category: CategoryName | null;
  payee: string;
  description: string;
  /** Cents; negative = money out. */
  amount: number;
}

/** Collects entries, dropping those outside the window (e.g. a flight booked before it opens). */
export class Ledger {
  readonly entries: Entry[] = [];

  constructor(
    readonly first: number,
    readonly last: number,
  ) {}

  add(entry: Entry): void {
    if (entry.day >= this.first && entry.day <= this.last) this.entries.push(entry);
  }

  /** Money out of the everyday account. */
  spend(...booking: Booking): void {
    this.#everyday(booking, -1);
  }

  /** Money into the everyday account. */
  receive(...booking: Booking): void {
    this.#everyday(booking, 1);
  }

  #everyday([day, category, payee, description, cents]: Booking, sign: -1 | 1): void {
    this.add({ day, account: 'Everyday', category, payee, description, amount: sign * cents });
  }
}

/** A day's movement on the everyday account; `cents` is positive, the direction is the verb's. */
type Booking = [
  day: number,
  category: CategoryName | null,
  payee: string,
  description: string,
  cents: number,
];

/** Called once for every day of the window, in order. */
export type Rhythm = (day: CalendarDay) => void;

/** Payee, description and a price range in dollars. */
export type Purchase = readonly [payee: string, description: string, min: number, max: number];

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

export function monthName(day: CalendarDay): string {
  return MONTHS[day.month] ?? '';
}
