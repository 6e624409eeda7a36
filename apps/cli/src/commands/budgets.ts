import { formatMoney, type BudgetStatusList } from '@outlay/client';
import { defineCommand } from '../command.ts';
import { dateFromFlag, localDate } from '../filter-flags.ts';
import { table } from '../table.ts';

const HEALTH: Record<BudgetStatusList['budgets'][number]['health'], string> = {
  on_track: 'on track',
  at_risk: 'at risk: on pace to go over',
  over: 'over budget',
};

export const budgetsCommand = defineCommand({
  name: 'budgets',
  summary: 'Each budget this period: spent, left and whether it is on track',
  description:
    'Each budget in its week or month holding today (or --period): what was spent of it\n' +
    '(with what earlier periods carried over), what is left, and whether it is on track.\n' +
    '--json prints the API’s answer: { currency, today, budgets, counts }.',
  options: {
    period: {
      type: 'string',
      value: 'DATE',
      help: 'any day of the period to show, YYYY-MM-DD (default today)',
    },
  },
  async run({ values, connect, env }) {
    const period = dateFromFlag(values.period, '--period');
    const connection = await connect();
    const status = await connection.call((client, options) =>
      client.budgets.status.query(
        { today: localDate(), ...(period === undefined ? {} : { period }) },
        options,
      ),
    );
    return { json: status, text: renderBudgets(status, env.locale) };
  },
});

export function renderBudgets(status: BudgetStatusList, locale: string): string {
  if (status.budgets.length === 0) {
    return 'No budgets yet. Set them on the Budgets page of the web app.';
  }
  const money = (minor: number) => formatMoney(minor, status.currency, locale);
  const rows = table(
    [
      { header: 'Budget', max: 30 },
      { header: 'Period' },
      { header: 'Spent', align: 'right' },
      { header: 'Left', align: 'right' },
      { header: 'Health' },
    ],
    status.budgets.map((b) => [
      b.budget.categoryId === null ? `${b.budget.name} (group)` : b.budget.name,
      `${b.from} to ${b.to}`,
      `${money(b.spentMinor)} of ${money(b.amountMinor + b.rolloverMinor)}`,
      b.availableMinor < 0 ? `${money(-b.availableMinor)} over` : money(b.availableMinor),
      HEALTH[b.health],
    ]),
  );
  const { on_track, at_risk, over } = status.counts;
  return `${rows}\n\n${on_track} on track, ${at_risk} at risk, ${over} over (in ${status.currency}).`;
}
