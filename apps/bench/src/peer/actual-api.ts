/**
 * The part of Actual Budget's engine API (`@actual-app/api`) the peer bench uses, typed here
 * because the package is not a workspace dependency (see install-actual.ts): the type checker
 * never sees it, so these declarations are what our code relies on, checked at run time by use.
 * Shapes follow the package's own declarations at the pinned version.
 */
import { createRequire } from 'node:module';

/** An ActualQL query (`q(table)`): immutable, each method returns a new query. */
export interface ActualQuery {
  filter(expression: Record<string, unknown>): ActualQuery;
  select(expressions: unknown): ActualQuery;
  calculate(expression: unknown): ActualQuery;
  groupBy(expressions: unknown): ActualQuery;
  orderBy(expressions: unknown): ActualQuery;
  limit(count: number): ActualQuery;
  offset(count: number): ActualQuery;
  options(options: Record<string, unknown>): ActualQuery;
}

/** A row for `addTransactions`: amounts in minor units, dates `YYYY-MM-DD`. */
export interface ActualNewTransaction {
  id?: string;
  date: string;
  amount: number;
  /** A payee id (a transfer payee makes the row a transfer). */
  payee?: string;
  /** A payee by name, created when missing. */
  payee_name?: string;
  category?: string | null;
  notes?: string | null;
  /** Rows of one date list by `sort_order` descending. */
  sort_order?: number;
  cleared?: boolean;
}

export interface ActualApi {
  init(config: { dataDir: string; verbose?: boolean }): Promise<unknown>;
  shutdown(): Promise<void>;
  /** Creates a budget without a sync server, runs `work` with syncing off, then loads it. */
  runImport(budgetName: string, work: () => Promise<void>): Promise<void>;
  loadBudget(budgetId: string): Promise<void>;
  getBudgets(): Promise<{ id?: string; name: string }[]>;
  createAccount(
    account: { name: string; offbudget?: boolean },
    initialBalance?: number,
  ): Promise<string>;
  getAccounts(): Promise<{ id: string; name: string }[]>;
  getCategoryGroups(): Promise<{ id: string; name: string; is_income: boolean }[]>;
  createCategoryGroup(group: { name: string; is_income?: boolean }): Promise<string>;
  createCategory(category: {
    name: string;
    group_id: string;
    is_income?: boolean;
  }): Promise<string>;
  getPayees(): Promise<{ id: string; name: string; transfer_acct: string | null }[]>;
  addTransactions(
    accountId: string,
    transactions: ActualNewTransaction[],
    options?: { learnCategories?: boolean; runTransfers?: boolean },
  ): Promise<'ok'>;
  aqlQuery(query: ActualQuery): Promise<{ data: unknown }>;
  q(table: string): ActualQuery;
}

/**
 * Loads the installed API from its entry file with `require`, as a CommonJS program would: it is a
 * CommonJS bundle, and `import()` of one first runs Node's export scanner over its 4 MB (a fifth
 * of a second here), which is not Actual's cost.
 */
export function loadActualApi(entry: string): ActualApi {
  return createRequire(import.meta.url)(entry) as ActualApi;
}
