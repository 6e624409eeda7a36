/**
 * The tables the change log covers (DESIGN §9), parents before children: undo re-inserts rows in
 * this order and deletes them in the reverse one, so no foreign key breaks midway. A table joins
 * the log with `select outlay_log_changes('<table>')` in its migration and an entry here; a test
 * compares this list with the tables that carry the log's triggers.
 */
export const LOGGED_TABLES = [
  'accounts',
  'categories',
  'transactions',
  'transaction_lines',
  'budgets',
  'recurring_items',
  'due_items',
] as const;

export type LoggedTable = (typeof LOGGED_TABLES)[number];

export function isLoggedTable(table: string): table is LoggedTable {
  return (LOGGED_TABLES as readonly string[]).includes(table);
}
