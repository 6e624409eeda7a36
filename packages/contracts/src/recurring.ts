/**
 * Recurring items (bills, subscriptions, income that repeats) and their due items (DESIGN §12).
 * A schedule is an RFC 5545 RRULE value (`FREQ=MONTHLY;BYMONTHDAY=1`) plus a start date; the
 * API expands it with a maintained library. Only the part of RFC 5545 that describes days is
 * accepted (no times, no BYYEARDAY/BYWEEKNO), and each part within bounds, so every accepted rule
 * expands in a bounded number of steps: a rule that could make the server iterate for seconds is
 * refused here, in words, before it reaches the library.
 */
import { z } from 'zod';
import { isCalendarDate, inDateDomain, MAX_DATE, MIN_DATE } from './calendar.ts';
import { Count, IsoDate, Uuid } from './dates.ts';
import { ChangeWritten } from './history.ts';
import { patchOf, updateOf } from './patch.ts';
import { Name, Notes, Payee } from './text.ts';
import { MAX_AMOUNT_MINOR, TransactionAmount } from './transaction.ts';

export const RECURRENCE_FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type RecurrenceFrequency = (typeof RECURRENCE_FREQUENCIES)[number];
export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type WeekdayCode = (typeof WEEKDAY_CODES)[number];

/** Most occurrences a rule with COUNT may have. */
export const MAX_RULE_COUNT = 1_000;
/** Largest INTERVAL: every 100 days, weeks, months or years. */
export const MAX_RULE_INTERVAL = 100;
export const MAX_RULE_LENGTH = 500;

const RULE_PARTS = [
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYDAY',
  'BYMONTHDAY',
  'BYMONTH',
  'BYSETPOS',
  'WKST',
] as const;
type RulePart = (typeof RULE_PARTS)[number];

/** Which parts each frequency may use: enough for every schedule a bill has, nothing that spins. */
const PARTS_FOR: Record<RecurrenceFrequency, readonly RulePart[]> = {
  DAILY: ['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'WKST'],
  WEEKLY: ['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'WKST'],
  // Months and years may use every part: the nth weekday, the last day, a month of the year.
  MONTHLY: RULE_PARTS,
  YEARLY: RULE_PARTS,
};

const integerIn = (text: string, min: number, max: number, nonZero = false) =>
  /^[+-]?\d{1,4}$/.test(text) &&
  Number(text) >= min &&
  Number(text) <= max &&
  (!nonZero || Number(text) !== 0);

/** An RRULE's UNTIL as a calendar date (`20261231` or `20261231T000000Z`), or null. */
export function untilDate(value: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})(T\d{6}Z?)?$/.exec(value);
  if (!match) return null;
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  return isCalendarDate(date) && inDateDomain(date) ? date : null;
}

/**
 * Why `rule` is not a schedule Outlay accepts, in words, or null when it is one. Keys may be in
 * any case (RFC 5545 says they are case-insensitive).
 */
export function recurrenceRuleProblem(rule: string): string | null {
  const parts = new Map<string, string>();
  for (const piece of rule.split(';')) {
    const eq = piece.indexOf('=');
    if (eq <= 0) return `'${piece.slice(0, 40)}' is not a NAME=VALUE part of a rule`;
    const name = piece.slice(0, eq).toUpperCase();
    if (name === 'RRULE' || name === 'DTSTART') {
      return `Give only the rule's value (FREQ=…); the start date is a field of its own`;
    }
    if (!(RULE_PARTS as readonly string[]).includes(name)) {
      return `${name.slice(0, 40)} is not supported in a schedule (use ${RULE_PARTS.join(', ')})`;
    }
    if (parts.has(name)) return `${name} is given twice`;
    parts.set(name, piece.slice(eq + 1).toUpperCase());
  }
  const freq = parts.get('FREQ');
  if (freq === undefined) return 'A rule needs FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)';
  if (!(RECURRENCE_FREQUENCIES as readonly string[]).includes(freq)) {
    return `FREQ=${freq.slice(0, 20)} is not supported: use DAILY, WEEKLY, MONTHLY or YEARLY`;
  }
  const allowed = PARTS_FOR[freq as RecurrenceFrequency];
  for (const name of parts.keys()) {
    if (!(allowed as readonly string[]).includes(name)) {
      return `${name} cannot be used with FREQ=${freq}`;
    }
  }
  const list = (name: RulePart) => parts.get(name)?.split(',') ?? [];
  const interval = parts.get('INTERVAL');
  if (interval !== undefined && !integerIn(interval, 1, MAX_RULE_INTERVAL)) {
    return `INTERVAL must be a whole number from 1 to ${MAX_RULE_INTERVAL}`;
  }
  const count = parts.get('COUNT');
  if (count !== undefined && !integerIn(count, 1, MAX_RULE_COUNT)) {
    return `COUNT must be a whole number from 1 to ${MAX_RULE_COUNT}`;
  }
  const until = parts.get('UNTIL');
  if (until !== undefined && untilDate(until) === null) {
    return `UNTIL must be a date written YYYYMMDD between ${MIN_DATE} and ${MAX_DATE}`;
  }
  if (count !== undefined && until !== undefined) return 'Give COUNT or UNTIL, not both';
  const ordinalMax = freq === 'MONTHLY' ? 5 : 53;
  for (const day of list('BYDAY')) {
    const match = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(day);
    if (!match) return `BYDAY takes weekdays such as MO, FR or -1FR (the last Friday)`;
    if (match[1] !== undefined) {
      if (freq === 'WEEKLY') return 'BYDAY with WEEKLY takes plain weekdays (MO, TU, …)';
      if (!integerIn(match[1], -ordinalMax, ordinalMax, true)) {
        return `The n of an nth weekday is from 1 to ${ordinalMax} (or -1 to -${ordinalMax} from the end)`;
      }
    }
  }
  for (const day of list('BYMONTHDAY')) {
    if (!integerIn(day, -31, 31, true)) return 'BYMONTHDAY takes days 1 to 31, or -1 (the last)';
  }
  for (const month of list('BYMONTH')) {
    if (!integerIn(month, 1, 12)) return 'BYMONTH takes months 1 to 12';
  }
  for (const position of list('BYSETPOS')) {
    if (!integerIn(position, -31, 31, true))
      return 'BYSETPOS takes positions 1 to 31, or -1 to -31';
  }
  if (parts.has('BYSETPOS') && !parts.has('BYDAY') && !parts.has('BYMONTHDAY')) {
    return 'BYSETPOS picks among the days of BYDAY or BYMONTHDAY: give one of them';
  }
  const wkst = parts.get('WKST');
  if (wkst !== undefined && !(WEEKDAY_CODES as readonly string[]).includes(wkst)) {
    return 'WKST takes a weekday (MO … SU)';
  }
  for (const name of ['BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS'] as const) {
    if (list(name).length > 31) return `${name} lists at most 31 values`;
  }
  return null;
}

/** An RFC 5545 RRULE value within what Outlay expands (see `recurrenceRuleProblem`). */
export const RecurrenceRule = z
  .string()
  .trim()
  .min(1, 'Give a rule such as FREQ=MONTHLY;BYMONTHDAY=1')
  .max(MAX_RULE_LENGTH, `At most ${MAX_RULE_LENGTH} characters`)
  .superRefine((rule, ctx) => {
    const problem = recurrenceRuleProblem(rule);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** Where an occurrence that falls on a Saturday or Sunday moves. */
export const WeekendShift = z.enum(['none', 'earlier', 'later']);
export type WeekendShift = z.infer<typeof WeekendShift>;

/** How far an estimated amount may vary: at most the largest amount. */
export const Tolerance = z.number().int().min(0).max(MAX_AMOUNT_MINOR);
/** A priority among items due the same day: lower comes first. */
export const Priority = z.number().int().min(-1_000_000).max(1_000_000);

export const RecurringItem = z.object({
  id: Uuid,
  name: z.string(),
  payee: z.string().nullable(),
  amountMinor: z.number().int(),
  toleranceMinor: z.number().int(),
  currency: z.string(),
  accountId: Uuid,
  accountName: z.string(),
  categoryId: Uuid.nullable(),
  categoryName: z.string().nullable(),
  rrule: z.string(),
  startsOn: IsoDate,
  shift: WeekendShift,
  priority: z.number().int(),
  notes: z.string().nullable(),
  paused: z.boolean(),
  /** The next unpaid, unskipped occurrence from today, if any. */
  nextDueOn: IsoDate.nullable(),
});
export type RecurringItem = z.infer<typeof RecurringItem>;

export const MAX_RECURRING_ITEMS = 1_000;
export const RecurringItemList = z.array(RecurringItem).max(MAX_RECURRING_ITEMS);

export const CreateRecurringItemInput = z.strictObject({
  name: Name,
  payee: Payee.nullish(),
  amountMinor: TransactionAmount,
  toleranceMinor: Tolerance.optional(),
  accountId: Uuid,
  categoryId: Uuid.nullish(),
  rrule: RecurrenceRule,
  startsOn: IsoDate,
  shift: WeekendShift.optional(),
  priority: Priority.optional(),
  notes: Notes.nullish(),
});
export type CreateRecurringItemInput = z.infer<typeof CreateRecurringItemInput>;

export const UpdateRecurringItemInput = updateOf(
  patchOf({
    name: Name.optional(),
    payee: Payee.nullable().optional(),
    amountMinor: TransactionAmount.optional(),
    toleranceMinor: Tolerance.optional(),
    accountId: Uuid.optional(),
    categoryId: Uuid.nullable().optional(),
    rrule: RecurrenceRule.optional(),
    startsOn: IsoDate.optional(),
    shift: WeekendShift.optional(),
    priority: Priority.optional(),
    notes: Notes.nullable().optional(),
  }),
);
export type UpdateRecurringItemInput = z.infer<typeof UpdateRecurringItemInput>;

export const RecurringItemWritten = ChangeWritten.extend({
  item: RecurringItem,
  /** Due items the change added, changed and removed (future, unpaid ones only). */
  dueItems: z.object({ added: Count, changed: Count, removed: Count }),
});
export type RecurringItemWritten = z.infer<typeof RecurringItemWritten>;

export const RecurringItemDeleted = ChangeWritten.extend({ id: Uuid, dueItemsRemoved: Count });
export type RecurringItemDeleted = z.infer<typeof RecurringItemDeleted>;

// ---------------------------------------------------------------------------------------------
// Due items

/**
 * Stored: upcoming, paid, skipped. Derived from the date and today: an upcoming item is `overdue`
 * before today and `due` from today to DUE_SOON_DAYS ahead.
 */
export const DueStatus = z.enum(['upcoming', 'due', 'overdue', 'paid', 'skipped']);
export type DueStatus = z.infer<typeof DueStatus>;
/** How many days ahead an unpaid item counts as due (and shows in the navigation's badge). */
export const DUE_SOON_DAYS = 7;

export const DueItem = z.object({
  id: Uuid,
  recurringId: Uuid,
  name: z.string(),
  payee: z.string().nullable(),
  dueOn: IsoDate,
  amountMinor: z.number().int(),
  currency: z.string(),
  accountId: Uuid,
  accountName: z.string(),
  categoryId: Uuid.nullable(),
  categoryName: z.string().nullable(),
  status: DueStatus,
  transactionId: Uuid.nullable(),
  /** Its place among the items of its day once dragged; null follows the series' priority. */
  position: z.number().int().nullable(),
  priority: z.number().int(),
  /** The day the schedule gave it, when a person moved it to `dueOn`; null when not moved. */
  scheduledOn: IsoDate.nullable(),
  /** True when a person set this occurrence's amount; the series' amount no longer applies. */
  amountEdited: z.boolean(),
});
export type DueItem = z.infer<typeof DueItem>;

/** The longest range `dueItems.list` reads: two years, more than the 13 months generated. */
export const MAX_DUE_RANGE_DAYS = 731;
export const MAX_DUE_ITEMS = 5_000;

export const DueItemsListInput = z
  .strictObject({ from: IsoDate, to: IsoDate })
  .refine((range) => range.from <= range.to, {
    message: 'from must not be after to',
    path: ['to'],
  });
export type DueItemsListInput = z.infer<typeof DueItemsListInput>;

export const DueItemList = z.object({
  items: z.array(DueItem).max(MAX_DUE_ITEMS),
  /** True when the range held more than MAX_DUE_ITEMS items and the list stops early. */
  truncated: z.boolean(),
  /** Unpaid items before today and within DUE_SOON_DAYS from it, over all dates: the badge. */
  overdueCount: Count,
  dueSoonCount: Count,
  today: IsoDate,
});
export type DueItemList = z.infer<typeof DueItemList>;

export const MarkDueItemPaidInput = z.strictObject({
  id: Uuid,
  /** The payment's date; today when left out. */
  occurredOn: IsoDate.optional(),
  /** What was paid, when it differs from the amount due. */
  amountMinor: TransactionAmount.optional(),
});
export type MarkDueItemPaidInput = z.infer<typeof MarkDueItemPaidInput>;

/** One occurrence changed without its series: another day, or its own amount. */
export const UpdateDueItemInput = updateOf(
  patchOf({ dueOn: IsoDate.optional(), amountMinor: TransactionAmount.optional() }),
);
export type UpdateDueItemInput = z.infer<typeof UpdateDueItemInput>;

export const DueItemWritten = ChangeWritten.extend({ item: DueItem });
export type DueItemWritten = z.infer<typeof DueItemWritten>;

export const MAX_REORDER_IDS = 500;
export const ReorderDueItemsInput = z.strictObject({
  /** Due items in their new order; each gets its place in this list as its position. */
  ids: z
    .array(Uuid)
    .min(1)
    .max(MAX_REORDER_IDS)
    .refine((ids) => new Set(ids).size === ids.length, 'Each item once'),
});
export type ReorderDueItemsInput = z.infer<typeof ReorderDueItemsInput>;

export const DueItemsReordered = ChangeWritten.extend({ ids: z.array(Uuid) });
export type DueItemsReordered = z.infer<typeof DueItemsReordered>;

// ---------------------------------------------------------------------------------------------
// Subscription detection

export const Cadence = z.enum(['weekly', 'every 2 weeks', 'monthly', 'quarterly', 'yearly']);
export type Cadence = z.infer<typeof Cadence>;
export const MAX_SUGGESTIONS = 50;

/** A payee paid at a regular cadence with a stable amount, offered as a recurring item. */
export const RecurringSuggestion = z.object({
  payee: z.string(),
  accountId: Uuid,
  accountName: z.string(),
  categoryId: Uuid.nullable(),
  currency: z.string(),
  /** The typical (median) payment, signed. */
  amountMinor: z.number().int(),
  /** How far the payments strayed from it: the tolerance to accept. */
  toleranceMinor: z.number().int(),
  cadence: Cadence,
  count: Count,
  lastOn: IsoDate,
  /** The next day it is expected: where the recurring item would start. */
  startsOn: IsoDate,
  rrule: z.string(),
  /** "Netflix — 14 payments, monthly around the 3rd, $15.49". */
  evidence: z.string(),
});
export type RecurringSuggestion = z.infer<typeof RecurringSuggestion>;
export const RecurringSuggestionList = z.array(RecurringSuggestion).max(MAX_SUGGESTIONS);

// ---------------------------------------------------------------------------------------------
// The schedule form: the few patterns people use, written as a rule.

export const SchedulePattern = z.discriminatedUnion('kind', [
  /** Every N days, weeks, months or years from the start date (the start's day, weekday, date). */
  z.strictObject({
    kind: z.literal('every'),
    unit: z.enum(['day', 'week', 'month', 'year']),
    interval: z.number().int().min(1).max(MAX_RULE_INTERVAL),
  }),
  /**
   * Every N months on a day of the month (1–31). A bill due on the 29th–31st is due on the last
   * day of a shorter month, as banks and billers treat it, rather than skipping that month (which
   * a plain BYMONTHDAY=31 does).
   */
  z.strictObject({
    kind: z.literal('monthDay'),
    day: z.number().int().min(1).max(31),
    interval: z.number().int().min(1).max(MAX_RULE_INTERVAL),
  }),
  /** Every N months on the last day. */
  z.strictObject({
    kind: z.literal('lastDay'),
    interval: z.number().int().min(1).max(MAX_RULE_INTERVAL),
  }),
  /** Every N months on the nth (1–4, or -1 for the last) weekday. */
  z.strictObject({
    kind: z.literal('nthWeekday'),
    nth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]),
    weekday: z.enum(WEEKDAY_CODES),
    interval: z.number().int().min(1).max(MAX_RULE_INTERVAL),
  }),
]);
export type SchedulePattern = z.infer<typeof SchedulePattern>;

/** How a schedule ends: never, after a number of occurrences, or on a date (inclusive). */
export type ScheduleEnd =
  { kind: 'never' } | { kind: 'count'; count: number } | { kind: 'until'; until: string };

/** 28 up to `day`: with BYSETPOS=-1, the day or the month's last day if it is shorter. */
const lateDays = (day: number) => Array.from({ length: day - 27 }, (_, i) => 28 + i);

const UNIT_FREQ = { day: 'DAILY', week: 'WEEKLY', month: 'MONTHLY', year: 'YEARLY' } as const;

/** The rule a pattern and an end stand for, e.g. `FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=12`. */
export function ruleOfPattern(
  pattern: SchedulePattern,
  end: ScheduleEnd = { kind: 'never' },
): string {
  const parts: string[] = [];
  switch (pattern.kind) {
    case 'every':
      parts.push(`FREQ=${UNIT_FREQ[pattern.unit]}`);
      break;
    case 'monthDay':
      parts.push(
        'FREQ=MONTHLY',
        ...(pattern.day <= 28
          ? [`BYMONTHDAY=${pattern.day}`]
          : [`BYMONTHDAY=${lateDays(pattern.day).join(',')}`, 'BYSETPOS=-1']),
      );
      break;
    case 'lastDay':
      parts.push('FREQ=MONTHLY', 'BYMONTHDAY=-1');
      break;
    case 'nthWeekday':
      parts.push('FREQ=MONTHLY', `BYDAY=${pattern.nth}${pattern.weekday}`);
      break;
  }
  if (pattern.interval > 1) parts.splice(1, 0, `INTERVAL=${pattern.interval}`);
  if (end.kind === 'count') parts.push(`COUNT=${end.count}`);
  if (end.kind === 'until') parts.push(`UNTIL=${end.until.replaceAll('-', '')}`);
  return parts.join(';');
}

/**
 * The pattern and end a rule was written from, when it is one the form writes; null for any
 * other rule (the form then offers the rule text itself).
 */
export function patternOfRule(rule: string): { pattern: SchedulePattern; end: ScheduleEnd } | null {
  if (recurrenceRuleProblem(rule) !== null) return null;
  const parts = new Map(
    rule.split(';').map((piece) => {
      const [name = '', value = ''] = piece.split('=');
      return [name.toUpperCase(), value.toUpperCase()] as const;
    }),
  );
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const count = parts.get('COUNT');
  const until = parts.get('UNTIL');
  const end: ScheduleEnd =
    count !== undefined
      ? { kind: 'count', count: Number(count) }
      : until !== undefined
        ? { kind: 'until', until: untilDate(until)! }
        : { kind: 'never' };
  const rest = [...parts.keys()].filter((k) => !['FREQ', 'INTERVAL', 'COUNT', 'UNTIL'].includes(k));
  const freq = parts.get('FREQ');
  if (rest.length === 0) {
    const unit = (Object.keys(UNIT_FREQ) as (keyof typeof UNIT_FREQ)[]).find(
      (key) => UNIT_FREQ[key] === freq,
    );
    return unit ? { pattern: { kind: 'every', unit, interval }, end } : null;
  }
  if (freq !== 'MONTHLY') return null;
  const monthDay = parts.get('BYMONTHDAY');
  if (rest.length === 2 && parts.get('BYSETPOS') === '-1' && monthDay !== undefined) {
    const day = 27 + monthDay.split(',').length;
    return monthDay === lateDays(day).join(',') && day <= 31
      ? { pattern: { kind: 'monthDay', day, interval }, end }
      : null;
  }
  if (rest.length !== 1) return null;
  if (monthDay !== undefined && /^-?\d+$/.test(monthDay)) {
    const day = Number(monthDay);
    if (day === -1) return { pattern: { kind: 'lastDay', interval }, end };
    if (day >= 1) return { pattern: { kind: 'monthDay', day, interval }, end };
    return null;
  }
  const byDay = /^(-1|[1-4])(MO|TU|WE|TH|FR|SA|SU)$/.exec(parts.get('BYDAY') ?? '');
  if (byDay) {
    const nth = Number(byDay[1]) as 1 | 2 | 3 | 4 | -1;
    return {
      pattern: { kind: 'nthWeekday', nth, weekday: byDay[2] as WeekdayCode, interval },
      end,
    };
  }
  return null;
}

/** 1 → "1st", 22 → "22nd", 13 → "13th". */
export const ordinal = (n: number) => {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th'}`;
};
/** Weekday codes in words. */
export const WEEKDAY_NAMES: Record<WeekdayCode, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

/** A schedule in words: "Monthly on the 1st", "Every 2 weeks", "Monthly on the last Friday". */
export function describeRule(rule: string): string {
  const parsed = patternOfRule(rule);
  if (!parsed) return rule;
  const { pattern, end } = parsed;
  const unitWord = { day: 'day', week: 'week', month: 'month', year: 'year' };
  const every = (unit: keyof typeof unitWord, n: number, adverb: string) =>
    n === 1 ? adverb : `Every ${n} ${unitWord[unit]}s`;
  let text: string;
  switch (pattern.kind) {
    case 'every':
      text = every(
        pattern.unit,
        pattern.interval,
        { day: 'Daily', week: 'Weekly', month: 'Monthly', year: 'Yearly' }[pattern.unit],
      );
      break;
    case 'monthDay':
      text = `${every('month', pattern.interval, 'Monthly')} on the ${ordinal(pattern.day)}`;
      break;
    case 'lastDay':
      text = `${every('month', pattern.interval, 'Monthly')} on the last day`;
      break;
    case 'nthWeekday':
      text = `${every('month', pattern.interval, 'Monthly')} on the ${pattern.nth === -1 ? 'last' : ordinal(pattern.nth)} ${WEEKDAY_NAMES[pattern.weekday]}`;
      break;
  }
  if (end.kind === 'count') text += `, ${end.count} times`;
  if (end.kind === 'until') text += `, until ${end.until}`;
  return text;
}
