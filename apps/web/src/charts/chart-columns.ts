/**
 * The figure columns of the charts' "Show as table": spend, share and the transaction count read
 * the same (header, format, alignment) in every chart's table.
 */
import type { Column } from '../components/data-table.tsx';
import type { Formatters } from '../lib/format.ts';

function figure<Row>(key: string, header: string, cell: (row: Row) => string): Column<Row> {
  return { key, header, numeric: true, cell };
}

export const spendColumn = <Row extends { spendMinor: number }>(format: Formatters) =>
  figure<Row>('spend', 'Spend', (row) => format.money(row.spendMinor));

export const shareColumn = <Row extends { share: number }>(format: Formatters) =>
  figure<Row>('share', 'Share', (row) => format.percent(row.share));

export const transactionsColumn = <Row extends { transactionCount: number }>(format: Formatters) =>
  figure<Row>('count', 'Transactions', (row) => format.count(row.transactionCount));
