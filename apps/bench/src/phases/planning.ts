/**
 * Phase 2c, planning ahead (DESIGN §11): the bench user is given 30 budgets and 1,000 recurring
 * items through the API (the procedures the web app calls, so every one is a change set in the
 * change log), then the Budgets page's two queries, the Upcoming page's default range, subscription
 * detection over the whole history, and the due-items job generating 13 months for every series.
 */
import { runDueItemsJob } from '@outlay/api';
import { createOutlayClient, type OutlayClient } from '@outlay/client';
import {
  addDays,
  addMonths,
  MAX_RECURRING_ITEMS,
  presetRange,
  startOfMonth,
  todayUtc,
  type BudgetPeriod,
  type BudgetRollover,
  type CreateRecurringItemInput,
} from '@outlay/contracts';
import { sql } from 'kysely';
import {
  BUDGET_HISTORY_ROW,
  BUDGET_STATUS_ROW,
  DUE_ITEMS_JOB_ROW,
  SUGGESTIONS_ROW,
  UPCOMING_FEW_ROW,
  UPCOMING_ROW,
} from '../targets.ts';
import type { BenchData } from './data.ts';
import { latencyTimer, type InProcessServers } from './in-process-latency.ts';
import { log, roundsRow, type BenchRun } from './run.ts';

/** The budgets the targets are stated for. */
const BUDGETS = 30;
/** The recurring items the generation target is stated for (also the most one user may keep). */
const RECURRING_ITEMS = MAX_RECURRING_ITEMS;
/** A household's bills and subscriptions, for the Upcoming row at an everyday size. */
const FEW_RECURRING_ITEMS = 20;
/** Runs of the due-items job and of subscription detection: seconds each, so a few. */
const ROUNDS = 3;
/** The months the job keeps due items for ahead of today (the horizon). */
const HORIZON_MONTHS = 13;

export interface PlanningFigures {
  budgets: number;
  recurring_items: number;
  /** Creating the budgets and recurring items through the API (their due items included). */
  setup_ms: number;
  /** Due items the job made in each timed run (every series, 13 months). */
  due_items_per_job_run: number[];
  /** Due items `dueItems.list` returns for the Upcoming page's default range (1,000 series). */
  upcoming_items: number;
  suggestions: number;
}

/** Runs against the in-process server, after the read and write rows. */
export async function planningPhase(
  run: BenchRun,
  data: BenchData,
  servers: InProcessServers,
): Promise<PlanningFigures> {
  const client = createOutlayClient({
    url: servers.baseUrl,
    token: servers.accessToken,
    batch: false,
  });
  const today = todayUtc();
  log(`planning: ${BUDGETS} budgets and ${RECURRING_ITEMS} recurring items through the API`);
  const setupStarted = performance.now();
  await createBudgets(client, today);
  const payees = await historyPayees(data);
  const time = latencyTimer(run);
  // The Upcoming page's default range: two weeks back to four weeks ahead. Timed with a
  // household's 20 bills, then with the 1,000 the job's target is stated for.
  const upcoming = { from: addDays(today, -14), to: addDays(today, 28) };
  await createRecurringItems(client, { today, payees, from: 0, to: FEW_RECURRING_ITEMS });
  let setupMs = performance.now() - setupStarted;
  await time(UPCOMING_FEW_ROW, () => client.dueItems.list.query(upcoming));
  const moreStarted = performance.now();
  await createRecurringItems(client, {
    today,
    payees,
    from: FEW_RECURRING_ITEMS,
    to: RECURRING_ITEMS,
  });
  setupMs = Math.round(setupMs + performance.now() - moreStarted);
  log(`  made in ${(setupMs / 1000).toFixed(1)} s`);
  // What the Budgets page asks, with the same inputs.
  await time(BUDGET_STATUS_ROW, () => client.budgets.status.query({ today }));
  await time(BUDGET_HISTORY_ROW, () =>
    client.budgets.history.query({ periods: 12, period: today }),
  );
  const { items } = await client.dueItems.list.query(upcoming);
  await time(UPCOMING_ROW, () => client.dueItems.list.query(upcoming));

  const detection: number[] = [];
  let suggestions = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    suggestions = (await client.recurring.suggestions.query()).length;
    detection.push(performance.now() - started);
  }
  run.measured.push(roundsRow(SUGGESTIONS_ROW, detection));

  // The job as its schedule runs it, on the owner connection. Each run is told a today one
  // horizon later than the last, so it finds every series' next 13 months missing and makes them
  // all: the work of a first run over 1,000 series, not a top-up of one day.
  const generation: number[] = [];
  const added: number[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    const started = performance.now();
    const result = await runDueItemsJob(data.bench.outlay.db, {
      today: addMonths(today, HORIZON_MONTHS * round),
    });
    generation.push(performance.now() - started);
    if (!result.ran) throw new Error('the due-items job found its lock taken');
    if (result.totals.added === 0) throw new Error('the due-items job made no due items');
    added.push(result.totals.added);
  }
  log(`  due-items job: ${added.map((n) => n.toLocaleString('en-US')).join(', ')} due items made`);
  run.measured.push(roundsRow(DUE_ITEMS_JOB_ROW, generation));

  return {
    budgets: BUDGETS,
    recurring_items: RECURRING_ITEMS,
    setup_ms: setupMs,
    due_items_per_job_run: added,
    upcoming_items: items.length,
    suggestions,
  };
}

/** The groups the expense categories are put in, two each, as a person tidies them. */
const GROUPS = ['Home and bills', 'Food and drink', 'Getting around', 'Leisure', 'Personal'];

/**
 * Thirty budgets, as a person with a budget per category and per group would have them: the 10
 * expense categories of the bulk user, put two each into 5 groups, get a monthly and a weekly
 * budget each, and the groups a monthly and a weekly one (the group's budget counts the spend of
 * its categories). Amounts come from what the category spent over the last 12 months, so health
 * is mixed; rollover too (nothing, the unspent part, or both ways), with starts from two years to
 * six months ago, so the rollover chains are long.
 */
async function createBudgets(client: OutlayClient, today: string): Promise<void> {
  const categories = (await client.categories.list.query()).filter(
    (c) => c.kind === 'expense' && c.parentId === null,
  );
  const spent = await client.metrics.byCategory.query({
    filter: presetRange('last-12-months', today),
  });
  const perMonth = (ids: readonly string[]) =>
    Math.max(
      1_000,
      Math.round(
        spent.categories
          .filter((c) => c.categoryId !== null && ids.includes(c.categoryId))
          .reduce((sum, c) => sum + c.spendMinor, 0) / 12,
      ),
    );
  const targets: { key: 'categoryId' | 'groupId'; ids: string[] }[] = categories.map((c) => ({
    key: 'categoryId',
    ids: [c.id],
  }));
  for (const [g, name] of GROUPS.entries()) {
    const members = categories.slice(g * 2, g * 2 + 2);
    if (members.length === 0) break;
    const { category: group } = await client.categories.create.mutate({ name, kind: 'expense' });
    for (const member of members) {
      await client.categories.update.mutate({ id: member.id, patch: { parentId: group.id } });
    }
    targets.push({ key: 'groupId', ids: [group.id, ...members.map((m) => m.id)] });
  }
  const rollovers: BudgetRollover[] = ['none', 'unspent', 'both'];
  let made = 0;
  for (const [t, target] of targets.entries()) {
    const monthly = perMonth(target.ids);
    const budgets: [BudgetPeriod, amountMinor: number, startsOn: string][] = [
      [
        'monthly',
        Math.round(monthly * (0.9 + (t % 4) * 0.07)),
        startOfMonth(addMonths(today, -24 + (t % 3) * 9)),
      ],
      ['weekly', Math.round((monthly * 12 * (0.95 + (t % 3) * 0.05)) / 52), addMonths(today, -6)],
    ];
    for (const [period, amountMinor, startsOn] of budgets) {
      if (made === BUDGETS) return;
      await client.budgets.create.mutate({
        [target.key]: target.ids[0]!,
        period,
        amountMinor,
        startsOn,
        rollover: rollovers[(t + made) % rollovers.length]!,
      });
      made += 1;
    }
  }
  if (made < BUDGETS) {
    throw new Error(`the bench user has ${categories.length} expense categories: too few budgets`);
  }
}

/** The payees of the user's history, most frequent first: what bills are named after. */
async function historyPayees(data: BenchData): Promise<string[]> {
  const { rows } = await sql<{ payee: string }>`
    select payee from transactions
    where user_id = ${data.userId} and payee is not null and amount_minor < 0
    group by payee order by count(*) desc limit 50`.execute(data.bench.outlay.db);
  return rows.map((row) => row.payee);
}

/** The schedules bills have: monthly on a day or the last day, weekly, quarterly, yearly… */
const SCHEDULES: readonly ((i: number) => string)[] = [
  (i) => `FREQ=MONTHLY;BYMONTHDAY=${(i % 28) + 1}`,
  (i) => `FREQ=MONTHLY;BYMONTHDAY=${(i % 28) + 1}`,
  () => 'FREQ=MONTHLY;BYMONTHDAY=-1',
  (i) => `FREQ=MONTHLY;BYDAY=${['1MO', '2TU', '3WE', '4TH', '-1FR'][i % 5]}`,
  (i) => `FREQ=WEEKLY;BYDAY=${['MO', 'TU', 'WE', 'TH', 'FR'][i % 5]}`,
  () => 'FREQ=WEEKLY;INTERVAL=2',
  (i) => `FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=${(i % 28) + 1}`,
  (i) => `FREQ=YEARLY;BYMONTH=${(i % 12) + 1};BYMONTHDAY=${(i % 28) + 1}`,
];

/**
 * Bills and subscriptions named after the history's payees, on a mix of schedules, started up
 * to a year ago (so some of their past occurrences are overdue), with weekend shifts and
 * estimated amounts on some. Creating one makes its due items, as in the web app.
 */
async function createRecurringItems(
  client: OutlayClient,
  {
    today,
    payees,
    from,
    to,
  }: { today: string; payees: readonly string[]; from: number; to: number },
): Promise<void> {
  const accounts = await client.accounts.list.query();
  const categories = (await client.categories.list.query()).filter((c) => c.kind === 'expense');
  for (let i = from; i < to; i += 1) {
    const payee = payees[i % payees.length] ?? 'Bill';
    const item: CreateRecurringItemInput = {
      name: `${payee} ${String(i + 1).padStart(4, '0')}`,
      payee,
      amountMinor: -(500 + ((i * 7_919) % 20_000)),
      accountId: accounts[i % accounts.length]!.id,
      categoryId: categories[i % categories.length]!.id,
      rrule: SCHEDULES[i % SCHEDULES.length]!(i),
      startsOn: addDays(today, -(i % 365)),
      ...(i % 4 === 0 ? { shift: i % 8 === 0 ? 'earlier' : 'later' } : {}),
      ...(i % 5 === 0 ? { toleranceMinor: 500 } : {}),
    };
    await client.recurring.create.mutate(item);
  }
}
