import {
  addDays,
  addMonths,
  isoWeekday,
  MAX_SUGGESTIONS,
  ordinal,
  ruleOfPattern,
  toEpochDay,
  type Cadence,
  type RecurringSuggestion,
} from '@outlay/contracts';
import type { Database } from '@outlay/db';
import { type Kysely, sql } from 'kysely';
import type { Writer } from '../history/actor.ts';
import { formatMoney } from '../history/describe.ts';

/** How far back detection reads: two years, enough for a yearly payment to show twice. */
export const SUGGESTION_LOOKBACK_MONTHS = 24;
/** Fewest payments that make a pattern. */
export const MIN_PAYMENTS = 3;

interface CadenceRule {
  cadence: Cadence;
  days: number;
  /** How far a gap may stray from `days` and still keep the beat. */
  slack: number;
}
const CADENCES: CadenceRule[] = [
  { cadence: 'weekly', days: 7, slack: 1 },
  { cadence: 'every 2 weeks', days: 14, slack: 2 },
  { cadence: 'monthly', days: 30.44, slack: 4 },
  { cadence: 'quarterly', days: 91.31, slack: 8 },
  { cadence: 'yearly', days: 365.25, slack: 12 },
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
};

const mostCommon = (values: readonly number[]) => {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0];
};

/**
 * Subscriptions and bills hiding in the history: payees paid from one account at a regular
 * cadence (weekly to yearly: at least 80% of the gaps between payments within a few days of it)
 * with a stable amount (every payment within 20% of the median; the largest difference becomes
 * the tolerance), still going (the last payment within two beats of today), and not already a
 * recurring item. Each comes with its evidence in words and a schedule to accept as it is.
 * Reads at most the last 24 months; the grouping is one query, the cadence is judged here.
 */
export async function suggestRecurringItems(
  db: Kysely<Database>,
  { user, today }: { user: Pick<Writer, 'id'>; today: string },
): Promise<RecurringSuggestion[]> {
  // PostgreSQL's bigint arrays arrive as strings on some drivers.
  const { rows } = await sql<PayeeHistory<number | string>>`
    select min(t.payee) as payee, t.account_id as "accountId", min(a.name) as "accountName",
      min(a.currency) as currency,
      (array_agg(t.category_id order by t.occurred_on desc) filter (where t.category_id is not null))[1]
        as "categoryId",
      array_agg(t.occurred_on::text order by t.occurred_on, t.id) as dates,
      array_agg(t.amount_minor order by t.occurred_on, t.id) as amounts
    from transactions t
    join accounts a on a.user_id = t.user_id and a.id = t.account_id
    where t.user_id = ${user.id} and t.transfer_id is null and t.payee is not null
      and t.occurred_on between ${addMonths(today, -SUGGESTION_LOOKBACK_MONTHS)} and ${today}
    group by lower(btrim(t.payee)), t.account_id
    having count(*) between ${MIN_PAYMENTS} and 800
    order by count(*) desc, min(t.payee)
    limit 500`.execute(db);
  const kept = await db
    .selectFrom('recurring_items')
    .select(['name', 'payee'])
    .where('user_id', '=', user.id)
    .execute();
  const known = kept.map((item) => (item.payee ?? item.name).trim().toLowerCase());

  const suggestions: RecurringSuggestion[] = [];
  for (const row of rows) {
    const key = row.payee.trim().toLowerCase();
    if (known.some((name) => key.includes(name))) continue;
    const amounts = row.amounts.map(Number);
    const suggestion = judge({ ...row, amounts, currency: row.currency.trim() }, today);
    if (suggestion) suggestions.push(suggestion);
  }
  return suggestions
    .sort((a, b) => b.count - a.count || a.payee.localeCompare(b.payee))
    .slice(0, MAX_SUGGESTIONS);
}

/** One payee's payments from one account, oldest first. */
interface PayeeHistory<Amount = number> {
  payee: string;
  accountId: string;
  accountName: string;
  currency: string;
  categoryId: string | null;
  dates: string[];
  amounts: Amount[];
}

function judge(row: PayeeHistory, today: string): RecurringSuggestion | null {
  const { dates, amounts } = row;
  if (amounts.some((a) => Math.sign(a) !== Math.sign(amounts[0]!))) return null;
  const gaps = dates.slice(1).map((date, i) => toEpochDay(date) - toEpochDay(dates[i]!));
  const beat = median(gaps);
  const rule = CADENCES.find((c) => Math.abs(beat - c.days) <= c.slack);
  if (!rule) return null;
  const onBeat = gaps.filter((gap) => Math.abs(gap - rule.days) <= rule.slack).length;
  if (onBeat < 0.8 * gaps.length) return null;
  const last = dates.at(-1)!;
  if (toEpochDay(today) - toEpochDay(last) > 2 * rule.days + rule.slack) return null;
  const typical = median(amounts);
  const spread = Math.max(...amounts.map((a) => Math.abs(a - typical)));
  if (spread > Math.abs(typical) * 0.2) return null;

  const dayOfMonth = mostCommon(dates.map((date) => Number(date.slice(8))));
  let startsOn: string;
  let rrule: string;
  let when: string;
  switch (rule.cadence) {
    case 'weekly':
    case 'every 2 weeks': {
      const step = rule.cadence === 'weekly' ? 7 : 14;
      startsOn = addDays(last, step);
      while (startsOn < today) startsOn = addDays(startsOn, step);
      rrule = ruleOfPattern({ kind: 'every', unit: 'week', interval: step / 7 });
      when = `${rule.cadence} on ${WEEKDAYS[isoWeekday(last)]}s`;
      break;
    }
    case 'monthly':
    case 'quarterly': {
      const step = rule.cadence === 'monthly' ? 1 : 3;
      // The day after the last payment: the rule's day of the month places the next one.
      startsOn = addDays(last, 1);
      rrule = ruleOfPattern({ kind: 'monthDay', day: dayOfMonth, interval: step });
      when = `${rule.cadence} around the ${ordinal(dayOfMonth)}`;
      break;
    }
    case 'yearly':
      startsOn = addMonths(last, 12);
      while (startsOn < today) startsOn = addMonths(startsOn, 12);
      rrule = ruleOfPattern({ kind: 'every', unit: 'year', interval: 1 });
      when = 'yearly';
      break;
  }
  const money = formatMoney(typical, row.currency, { signed: false });
  return {
    payee: row.payee,
    accountId: row.accountId,
    accountName: row.accountName,
    categoryId: row.categoryId,
    currency: row.currency,
    amountMinor: typical,
    toleranceMinor: spread,
    cadence: rule.cadence,
    count: dates.length,
    lastOn: last,
    startsOn,
    rrule,
    evidence: `${row.payee} — ${dates.length} payments, ${when}, ${spread > 0 ? 'about ' : ''}${money}`,
  };
}
