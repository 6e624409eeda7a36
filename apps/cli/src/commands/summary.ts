import { formatMoney, type MetricsSummary } from '@outlay/client';
import { defineCommand } from '../command.ts';
import { FILTER_OPTIONS, filterFromFlags } from '../filter-flags.ts';
import { table } from '../table.ts';

export const summaryCommand = defineCommand({
  name: 'summary',
  summary: 'Total spend, income, net, monthly average and top categories',
  description:
    'Total spend, income, net, average monthly spend and the top categories for the\n' +
    'transactions the filters select (every transaction when there are none).',
  options: FILTER_OPTIONS,
  async run({ values, connect, env }) {
    const filter = await filterFromFlags(values, connect);
    const connection = await connect();
    const summary = await connection.call((client, options) =>
      client.metrics.summary.query({ filter }, options),
    );
    return { json: summary, text: renderSummary(summary, env.locale) };
  },
});

export function renderSummary(summary: MetricsSummary, locale: string): string {
  const money = (minor: number) => formatMoney(minor, summary.currency, locale);
  const count = (n: number) => new Intl.NumberFormat(locale).format(n);
  const percent = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const title =
    summary.rangeFrom && summary.rangeTo
      ? `Spending from ${summary.rangeFrom} to ${summary.rangeTo} ` +
        `(${summary.months} ${summary.months === 1 ? 'month' : 'months'}), in ${summary.currency}`
      : 'No spending in this selection';
  const figures = table(
    [{ header: '' }, { header: '', align: 'right' }],
    [
      ['Total spend', money(summary.totalSpend)],
      ['Income', money(summary.totalIncome)],
      ['Net', money(summary.net)],
      ['Average monthly', money(summary.averageMonthlySpend)],
      ['Average purchase', money(summary.averageTransaction)],
      ['Purchases', count(summary.purchaseCount)],
      ['Transactions', count(summary.transactionCount)],
    ],
  );
  if (summary.topCategories.length === 0) return `${title}\n\n${figures}`;
  const top = table(
    [
      { header: 'Top categories', max: 40 },
      { header: 'Spend', align: 'right' },
      { header: 'Share', align: 'right' },
    ],
    summary.topCategories.map((category) => [
      category.name,
      money(category.spendMinor),
      percent.format(category.share),
    ]),
  );
  return `${title}\n\n${figures}\n\n${top}`;
}
