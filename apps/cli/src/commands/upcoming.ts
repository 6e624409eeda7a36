import { formatMoney, type RouterOutputs } from '@outlay/client';
import { defineCommand } from '../command.ts';
import { dateFromFlag, localDate } from '../filter-flags.ts';
import { table } from '../table.ts';

type DueItemList = RouterOutputs['dueItems']['list'];

/** How far ahead `upcoming` looks without --to: four weeks from today, today included. */
const DEFAULT_DAYS_AHEAD = 28;

/** The same words as the web app's Upcoming page. */
const STATUS: Record<DueItemList['items'][number]['status'], string> = {
  upcoming: 'upcoming',
  due: 'due soon',
  overdue: 'overdue',
  paid: 'paid',
  skipped: 'skipped',
};

export const upcomingCommand = defineCommand({
  name: 'upcoming',
  summary: 'Bills and other recurring items due in the next four weeks',
  description:
    `The due items of your recurring bills from --from to --to (default: today and the\n` +
    `${DEFAULT_DAYS_AHEAD} days after it), in the order to pay them.\n` +
    '--json prints the API’s answer: { items, truncated, overdueCount, dueSoonCount, today }.',
  options: {
    from: { type: 'string', value: 'DATE', help: 'from this day, YYYY-MM-DD (default today)' },
    to: {
      type: 'string',
      value: 'DATE',
      help: `to this day, YYYY-MM-DD (default ${DEFAULT_DAYS_AHEAD} days after today)`,
    },
  },
  async run({ values, connect, env }) {
    const from = dateFromFlag(values.from, '--from') ?? localDate();
    const to = dateFromFlag(values.to, '--to') ?? localDate(DEFAULT_DAYS_AHEAD);
    const connection = await connect();
    const list = await connection.call((client, options) =>
      client.dueItems.list.query({ from, to }, options),
    );
    return { json: list, text: renderDueItems(list, { from, to }, env.locale) };
  },
});

export function renderDueItems(
  list: DueItemList,
  range: { from: string; to: string },
  locale: string,
): string {
  const overdueShown = list.items.some((item) => item.status === 'overdue');
  const overdue =
    list.overdueCount > 0 && !overdueShown
      ? `\n\n${list.overdueCount} unpaid ${list.overdueCount === 1 ? 'item is' : 'items are'} overdue` +
        ' (before today); add --from to see them.'
      : '';
  if (list.items.length === 0) {
    return `Nothing due from ${range.from} to ${range.to}.${overdue}`;
  }
  const rows = table(
    [
      { header: 'Due' },
      { header: 'Name', max: 30 },
      { header: 'Amount', align: 'right' },
      { header: 'Account', max: 20 },
      { header: 'Status' },
    ],
    list.items.map((item) => [
      item.dueOn,
      item.name,
      formatMoney(item.amountMinor, item.currency, locale),
      item.accountName,
      STATUS[item.status],
    ]),
  );
  const more = list.truncated ? '\n\nThe list stops early: narrow --from and --to.' : '';
  return rows + more + overdue;
}
