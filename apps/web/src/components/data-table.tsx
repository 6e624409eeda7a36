/**
 * The one table: a caption for screen readers, a header row from column specs, a row per item
 * with the naming column as its row header, figures right-aligned. Charts use it for their
 * "Show as table" alternative and the transactions page for its rows; a column can carry a
 * header of its own (a sort button) and its sort state (`aria-sort`), and a row can carry
 * attributes of its own or be drawn as one spanning cell (the transactions table's row being
 * edited in place).
 */
import type { HTMLAttributes, ReactNode } from 'react';
import './data-table.css';

export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Figures: right-aligned, tabular digits. */
  numeric?: boolean;
  /** The column that names the row: a `<th scope="row">`. */
  rowHeader?: boolean;
  /** Classes of the column's header and cells (`col-date` hides on phones…). */
  className?: string;
  /** More classes for one row's cell (money in, money out). */
  cellClassName?: (row: Row) => string | undefined;
  /** The column's sort state, when the table is sorted by it or can be. */
  sort?: 'ascending' | 'descending' | 'none';
}

/**
 * The last column of a list one manages (accounts, bills, due items): the row's buttons, side by
 * side, under a header only screen readers hear. `actions` gives null for a row with none.
 */
export function actionsColumn<Row>(actions: (row: Row) => ReactNode): Column<Row> {
  return {
    key: 'actions',
    header: <span className="visually-hidden">Actions</span>,
    className: 'col-actions',
    cell: (row) => {
      const buttons = actions(row);
      return buttons === null ? null : <span className="row-actions">{buttons}</span>;
    },
  };
}

export interface DataTableProps<Row> {
  caption: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  className?: string;
  /** Placeholder rows while the first rows load. */
  loadingRows?: number;
  /** A row drawn as one cell spanning every column (a row being edited, on a phone), or null. */
  fullRow?: (row: Row) => ReactNode;
  /** Attributes of one row's `<tr>` (a row being edited in place: its class, its keys). */
  rowProps?: (
    row: Row,
  ) => HTMLAttributes<HTMLTableRowElement> & { [data: `data-${string}`]: string };
}

function classes(...names: (string | false | undefined)[]): string | undefined {
  const joined = names.filter(Boolean).join(' ');
  return joined === '' ? undefined : joined;
}

export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  className,
  loadingRows = 0,
  rowProps,
  fullRow,
}: DataTableProps<Row>) {
  return (
    <table className={classes('data-table', className)}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th
              key={column.key}
              scope="col"
              aria-sort={column.sort}
              className={classes(column.numeric && 'num', column.className)}
            >
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: loadingRows }, (_, index) => (
          <tr key={`loading-${index}`} aria-hidden="true">
            <td colSpan={columns.length}>
              <span className="skeleton line" />
            </td>
          </tr>
        ))}
        {rows.map((row) => {
          const whole = fullRow?.(row);
          if (whole !== null && whole !== undefined) {
            return (
              <tr key={rowKey(row)} {...rowProps?.(row)}>
                <td colSpan={columns.length}>{whole}</td>
              </tr>
            );
          }
          return (
            <tr key={rowKey(row)} {...rowProps?.(row)}>
              {columns.map((column) => {
                const className = classes(
                  column.numeric && 'num',
                  column.className,
                  column.cellClassName?.(row),
                );
                return column.rowHeader ? (
                  <th key={column.key} scope="row" className={className}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.key} className={className}>
                    {column.cell(row)}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
