/**
 * The columns a due item and a bill share in their tables: the amount, in the bill's own
 * currency, and the account it is paid from.
 */
import type { Column } from '../components/data-table.tsx';
import { createFormatters, type Formatters } from '../lib/format.ts';

/** An amount in its own currency (a bill's account's), in the person's locale. */
function moneyIn(format: Formatters) {
  return (minor: number, currency: string) =>
    currency === format.currency
      ? format.money(minor)
      : createFormatters(format.locale, currency).money(minor);
}

export function amountColumn<Row extends { amountMinor: number; currency: string }>(
  format: Formatters,
): Column<Row> {
  const money = moneyIn(format);
  return {
    key: 'amount',
    header: 'Amount',
    numeric: true,
    cellClassName: (row) => (row.amountMinor > 0 ? 'amount-in' : undefined),
    cell: (row) => money(row.amountMinor, row.currency),
  };
}

export function accountColumn<Row extends { accountName: string }>(): Column<Row> {
  return {
    key: 'account',
    header: 'Account',
    className: 'col-account',
    cell: (row) => row.accountName,
  };
}
