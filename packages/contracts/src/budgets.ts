import { z } from 'zod';
import { Count, IsoDate, Uuid } from './dates.ts';
import { ChangeWritten } from './history.ts';
import { MinorUnits } from './money.ts';
import { patchOf, updateOf } from './patch.ts';

/**
 * Budgets (DESIGN §11): an amount per calendar week (ISO, from Monday, as the week buckets of
 * `metrics.overTime`) or calendar month for one category or a group (the group and the categories
 * in it), from the period holding `startsOn` to the period holding `endsOn` (or on and on).
 */
export const BudgetPeriod = z.enum(['weekly', 'monthly']);
export type BudgetPeriod = z.infer<typeof BudgetPeriod>;

/**
 * What carries into the next period: nothing, the unspent remainder (never below zero), the
 * overspending (never above zero), or both.
 */
export const BudgetRollover = z.enum(['none', 'unspent', 'overspent', 'both']);
export type BudgetRollover = z.infer<typeof BudgetRollover>;

export const BudgetHealth = z.enum(['on_track', 'at_risk', 'over']);
export type BudgetHealth = z.infer<typeof BudgetHealth>;

/** Budgets one user may have, so a status (one row per budget) stays bounded. */
export const MAX_BUDGETS = 200;
/**
 * The largest amount a budget may have per period: 1 billion in major units, so rollover carried
 * across every week of the date domain (about 10,500) still sums exactly.
 */
export const MAX_BUDGET_MINOR = 100_000_000_000;
/** Periods `budgets.history` may return per budget. */
export const MAX_BUDGET_HISTORY_PERIODS = 24;

export const BudgetAmount = z
  .number()
  .int('A budget is a whole number of minor units')
  .min(1, 'A budget must be more than zero')
  .max(
    MAX_BUDGET_MINOR,
    `A budget can be at most ${MAX_BUDGET_MINOR.toLocaleString('en-US')} minor units`,
  );

export const Budget = z.object({
  id: Uuid,
  /** The one category budgeted, or null for a group budget. */
  categoryId: Uuid.nullable(),
  /** The group budgeted (with the categories in it), or null for a category budget. */
  groupId: Uuid.nullable(),
  /** The category's or group's name. */
  name: z.string(),
  color: z.string(),
  /** Whether that category or group is archived (its budget still counts). */
  archived: z.boolean(),
  period: BudgetPeriod,
  amountMinor: BudgetAmount,
  startsOn: IsoDate,
  endsOn: IsoDate.nullable(),
  rollover: BudgetRollover,
});
export type Budget = z.infer<typeof Budget>;

export const BudgetList = z.array(Budget).max(MAX_BUDGETS);

const target = {
  categoryId: Uuid.optional(),
  groupId: Uuid.optional(),
};

const datesInOrder = (input: { startsOn?: string; endsOn?: string | null }) =>
  input.startsOn === undefined || input.endsOn == null || input.endsOn >= input.startsOn;
const DATES_MESSAGE = { message: 'A budget cannot end before it starts', path: ['endsOn'] };

export const CreateBudgetInput = z
  .strictObject({
    ...target,
    period: BudgetPeriod,
    amountMinor: BudgetAmount,
    startsOn: IsoDate,
    endsOn: IsoDate.nullable().optional(),
    rollover: BudgetRollover.default('none'),
  })
  .refine((input) => (input.categoryId === undefined) !== (input.groupId === undefined), {
    message: 'A budget is for one category or one group: give categoryId or groupId',
    path: ['categoryId'],
  })
  .refine(datesInOrder, DATES_MESSAGE);
export type CreateBudgetInput = z.input<typeof CreateBudgetInput>;

export const UpdateBudgetInput = updateOf(
  patchOf({
    ...target,
    period: BudgetPeriod.optional(),
    amountMinor: BudgetAmount.optional(),
    startsOn: IsoDate.optional(),
    endsOn: IsoDate.nullable().optional(),
    rollover: BudgetRollover.optional(),
  })
    .refine((patch) => patch.categoryId === undefined || patch.groupId === undefined, {
      message: 'A budget is for one category or one group, not both',
      path: ['categoryId'],
    })
    .refine(datesInOrder, DATES_MESSAGE),
);
export type UpdateBudgetInput = z.infer<typeof UpdateBudgetInput>;

export const BudgetWritten = ChangeWritten.extend({ budget: Budget });
export type BudgetWritten = z.infer<typeof BudgetWritten>;

export const BudgetDeleted = ChangeWritten.extend({ id: Uuid });
export type BudgetDeleted = z.infer<typeof BudgetDeleted>;

/** One budget in one period. Amounts in the user's home currency, minor units. */
export const BudgetPeriodFigures = z.object({
  /** The period: its first and last day. */
  from: IsoDate,
  to: IsoDate,
  amountMinor: MinorUnits,
  /** What earlier periods carried in (negative: overspending carried). 0 without rollover. */
  rolloverMinor: MinorUnits,
  /** Spend in the period by the one definition of spend (DESIGN §3), split lines included. */
  spentMinor: MinorUnits,
  /** amount + rollover − spent: what is left to spend (negative when over). */
  availableMinor: MinorUnits,
});
export type BudgetPeriodFigures = z.infer<typeof BudgetPeriodFigures>;

export const BudgetStatus = BudgetPeriodFigures.extend({
  budget: Budget,
  /** Days of the period, and days of it that have passed by `today` (today included). */
  days: Count,
  elapsedDays: Count,
  /** What would have been spent by today at an even rate: (amount + rollover) × elapsed ÷ days. */
  paceMinor: MinorUnits,
  /** What is left per remaining day (today included); null once the period is over (0 when nothing is left). */
  remainingPerDayMinor: MinorUnits.nullable(),
  /** Spend at the end of the period if it goes on at the rate so far (spent ÷ elapsed × days). */
  projectedMinor: MinorUnits,
  /**
   * `over`: spent more than amount + rollover. `at_risk`: not yet, but the projection is more.
   * `on_track`: neither.
   */
  health: BudgetHealth,
});
export type BudgetStatus = z.infer<typeof BudgetStatus>;

export const BudgetStatusInput = z
  .strictObject({
    /** Any day of the period to report (default: today); each budget's week or month holding it. */
    period: IsoDate.optional(),
    /** The person's today (their time zone; default: today in UTC), for the pace. */
    today: IsoDate.optional(),
  })
  .default({});
export type BudgetStatusInput = z.input<typeof BudgetStatusInput>;

export const BudgetStatusList = z.object({
  currency: z.string(),
  today: IsoDate,
  budgets: z.array(BudgetStatus).max(MAX_BUDGETS),
  counts: z.object({ on_track: Count, at_risk: Count, over: Count }),
});
export type BudgetStatusList = z.infer<typeof BudgetStatusList>;

export const BudgetHistoryInput = z
  .strictObject({
    /** How many periods, the last one holding `period` (default 12). */
    periods: z.number().int().min(1).max(MAX_BUDGET_HISTORY_PERIODS).default(12),
    period: IsoDate.optional(),
    /** Only this budget (default: all). */
    budgetId: Uuid.optional(),
  })
  .default({ periods: 12 });
export type BudgetHistoryInput = z.input<typeof BudgetHistoryInput>;

export const BudgetHistory = z.object({
  currency: z.string(),
  budgets: z
    .array(
      z.object({
        budget: Budget,
        /** Oldest first; periods before the budget starts or after it ends are left out. */
        periods: z.array(BudgetPeriodFigures).max(MAX_BUDGET_HISTORY_PERIODS),
      }),
    )
    .max(MAX_BUDGETS),
});
export type BudgetHistory = z.infer<typeof BudgetHistory>;
