/**
 * The questions both systems are asked, as data: what is asked (`Ask`), the target it is judged
 * by, and the plain reference answer computed from the rows themselves, which both systems must
 * give before their speeds mean anything. How each system is asked lives in ask-outlay.ts and
 * ask-actual.ts.
 */
import { addDays, addMonths } from '@outlay/contracts';
import { amount, breakdown, ids, UNCATEGORIZED, type Answer } from './answers.ts';
import type { PeerRow } from './rows.ts';

/** A filter in terms both systems share; the account is named, each side maps it to its id. */
export interface QuestionFilter {
  from?: string;
  to?: string;
  /** Bound on the absolute amount, minor units, inclusive. */
  minAmount?: number;
  account?: string;
  /** Case-insensitive text in the payee or the description. */
  search?: string;
}

export type Ask =
  | { kind: 'total'; filter: QuestionFilter }
  | { kind: 'byCategory'; filter: QuestionFilter }
  | { kind: 'byMonth'; filter: QuestionFilter }
  /** `limit` rows from position `offset` (0 = newest) of the list by date, newest first. */
  | { kind: 'page'; filter: QuestionFilter; offset: number; limit: number }
  /** Every matching row, newest first. */
  | { kind: 'all'; filter: QuestionFilter };

export type Target =
  /** Outlay p50 ÷ Actual p50 at most `max`. */
  | { kind: 'ratio'; max: number }
  /** Outlay's figure at most `max`, and below Actual's when `ahead`. */
  | { kind: 'absolute'; max: number; ahead?: boolean }
  | { kind: 'none' };

export interface Question {
  name: string;
  ask: Ask;
  target: Target;
  /** A list question: also timed on Actual without its split grouping, for the record. */
  list: boolean;
}

export const PAGE_SIZE = 50;
/** "Ten times ahead" on every question; a filter that bypasses Outlay's totals reads rows. */
export const TEN_TIMES_AHEAD: Target = { kind: 'ratio', max: 0.1 };
export const ROWS_FILTER_TARGET: Target = { kind: 'ratio', max: 0.25 };
/** The deep page, or the middle of a smaller history. */
export const DEEP_ROW = 50_000;

export interface QuestionSettings {
  /** The last day of the history (the generator's `today`). */
  today: string;
  rows: number;
  /** The account the account filter keeps. */
  account: string;
  /** The text searched for: one payee, about 1 % of the rows. */
  search: string;
  /** The amount bound of the amount filter, minor units. */
  minAmount: number;
}

/** The last 12 months up to `today`: the day after the same date a year before, to `today`. */
export function last12Months(today: string): { from: string; to: string } {
  return { from: addDays(addMonths(today, -12), 1), to: today };
}

/** Where the deep page starts: row 50,000, or the middle of a smaller history. */
export function deepOffset(rows: number): number {
  return Math.min(DEEP_ROW, Math.floor(rows / 2));
}

export function questions(settings: QuestionSettings): Question[] {
  const year = last12Months(settings.today);
  const search = { search: settings.search };
  const offset = deepOffset(settings.rows);
  const question = (name: string, ask: Ask, target = TEN_TIMES_AHEAD): Question => ({
    name,
    ask,
    target,
    list: ask.kind === 'page' || ask.kind === 'all',
  });
  return [
    question('total spend, last 12 months', { kind: 'total', filter: year }),
    question('spend per category, last 12 months', { kind: 'byCategory', filter: year }),
    question('spend per month, all time', { kind: 'byMonth', filter: {} }),
    question(
      'total spend, last 12 months, amount filter',
      { kind: 'total', filter: { ...year, minAmount: settings.minAmount } },
      ROWS_FILTER_TARGET,
    ),
    question(
      'total spend, last 12 months, account filter',
      { kind: 'total', filter: { ...year, account: settings.account } },
      ROWS_FILTER_TARGET,
    ),
    question(`first page of ${PAGE_SIZE} by date`, {
      kind: 'page',
      filter: {},
      offset: 0,
      limit: PAGE_SIZE,
    }),
    question(`the page at row ${offset.toLocaleString('en-US')}`, {
      kind: 'page',
      filter: {},
      offset,
      limit: PAGE_SIZE,
    }),
    question('text search on payee, first page', {
      kind: 'page',
      filter: search,
      offset: 0,
      limit: PAGE_SIZE,
    }),
    question('text search on payee, all matches', { kind: 'all', filter: search }),
  ];
}

// --- the plain reference -------------------------------------------------------------------------

/**
 * A row's spend under DESIGN §3, written out plainly: the category is an expense (a refund counts
 * negative), or there is none and money went out. Income and transfers are not spend.
 */
export function spendOf(row: PeerRow): number {
  if (row.categoryKind === 'expense') return -row.amountMinor;
  if (row.categoryKind === null && row.amountMinor < 0) return -row.amountMinor;
  return 0;
}

export function matches(row: PeerRow, filter: QuestionFilter): boolean {
  if (filter.from !== undefined && row.date < filter.from) return false;
  if (filter.to !== undefined && row.date > filter.to) return false;
  if (filter.minAmount !== undefined && Math.abs(row.amountMinor) < filter.minAmount) return false;
  if (filter.account !== undefined && row.account !== filter.account) return false;
  if (filter.search !== undefined) {
    const needle = filter.search.toLowerCase();
    const found = [row.payee, row.description].some((text) => text?.toLowerCase().includes(needle));
    if (!found) return false;
  }
  return true;
}

/** Newest first; rows of one date by id, highest first (both systems' list order). */
function byDateDescending(a: PeerRow, b: PeerRow): number {
  if (a.date !== b.date) return a.date < b.date ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export function referenceAnswer(rows: readonly PeerRow[], ask: Ask): Answer {
  const matching = rows.filter((row) => matches(row, ask.filter));
  switch (ask.kind) {
    case 'total':
      return amount(matching.reduce((sum, row) => sum + spendOf(row), 0));
    case 'byCategory':
      return breakdown(
        matching.map((row) => [row.category ?? UNCATEGORIZED, spendOf(row)] as const),
      );
    case 'byMonth':
      return breakdown(matching.map((row) => [row.date.slice(0, 7), spendOf(row)] as const));
    case 'page':
      return ids(
        matching
          .sort(byDateDescending)
          .slice(ask.offset, ask.offset + ask.limit)
          .map((row) => row.id),
      );
    case 'all':
      return ids(matching.sort(byDateDescending).map((row) => row.id));
  }
}
