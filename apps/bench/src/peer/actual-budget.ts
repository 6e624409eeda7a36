/**
 * Actual's budget holding the bench's rows, made through its API and kept for the next run.
 *
 * Made the way its API imports a budget: `runImport` (a local budget, no sync server, syncing off
 * while it fills), the same accounts, the expense categories in one group and the income one in its
 * income group, then `addTransactions` in batches. That is slow, and slower the more rows there
 * are: for every row added, Actual's rules engine sums the running balance of every earlier row
 * of the account (`getRunningBalanceBeforeTransaction`, a scan of the account's rows), so loading
 * n rows costs O(n²) — about 230 rows/s at the start of 100,000, a few dozen by the end on this
 * machine. Its YNAB importers add rows through the same call.
 *
 * So the finished budget is copied into `apps/bench/.peer/budgets/<key>/` after the run has closed
 * it, keyed by Actual's version and a hash of every row, and later runs on the same rows copy it
 * instead of importing again. The rows are the same from run to run because the bench's history
 * ends on a fixed date (see main.ts).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { progressBar } from '../progress-bar.ts';
import type { ActualApi } from './actual-api.ts';
import { byAccount, toActualTransaction, type ActualIds, type PeerRow } from './rows.ts';

const BUDGET_NAME = 'Outlay peer bench';
/** Rows per `addTransactions` call. */
const IMPORT_BATCH = 10_000;
/** Budgets kept in the cache, most recently used first (a 100,000-row one is about 60 MB). */
const KEPT = 3;
/** A partial copy older than this was left by a run that died while copying. */
const ABANDONED_MS = 3_600_000;

export interface ActualBudget {
  id: string;
  /** Actual's account ids by name. */
  accounts: ReadonlyMap<string, string>;
  /** How long importing the rows took; `null` when the budget came from the cache. */
  importMs: number | null;
  /** Copies the budget into the cache; call after the API has closed it. */
  keep(): Promise<void>;
}

/** The cache key: Actual's version and every row, in order. */
export function budgetKey(version: string, rows: readonly PeerRow[]): string {
  const hash = createHash('sha256').update(version);
  for (const row of rows) hash.update(JSON.stringify(row));
  return `${rows.length}-${hash.digest('hex').slice(0, 16)}`;
}

/**
 * Opens a budget holding `rows` in `dataDir` (with the API already `init`-ed on it): a copy of the
 * cached one when there is one, else a new import.
 */
export async function openActualBudget(
  api: ActualApi,
  options: {
    rows: readonly PeerRow[];
    dataDir: string;
    cacheDir: string;
    version: string;
    log: (message: string) => void;
  },
): Promise<ActualBudget> {
  const cached = join(options.cacheDir, budgetKey(options.version, options.rows));
  if (existsSync(cached)) {
    const [id] = await readdir(cached);
    if (id === undefined) throw new Error(`${cached} holds no budget`);
    await cp(join(cached, id), join(options.dataDir, id), { recursive: true });
    const now = new Date();
    await utimes(cached, now, now);
    await api.loadBudget(id);
    const accounts = new Map((await api.getAccounts()).map((a) => [a.name, a.id]));
    options.log(
      `Actual: the same ${count(options.rows.length)} rows, from ${cached} (imported by an earlier run)`,
    );
    return { id, accounts, importMs: null, keep: () => Promise.resolve() };
  }

  const started = performance.now();
  const ids = await importRows(api, options.rows);
  const importMs = Math.round(performance.now() - started);
  const budget = (await api.getBudgets()).find((b) => b.name === BUDGET_NAME);
  if (budget?.id === undefined) throw new Error(`Actual lists no budget "${BUDGET_NAME}"`);
  const id = budget.id;
  return {
    id,
    accounts: ids.accounts,
    importMs,
    async keep() {
      // Copied under a temporary name and renamed, so a run that dies midway leaves no half budget.
      const partial = `${cached}.partial-${process.pid}`;
      await mkdir(partial, { recursive: true });
      await cp(join(options.dataDir, id), join(partial, id), { recursive: true });
      await rename(partial, cached);
      await prune(options.cacheDir);
      options.log(`Actual: budget kept in ${cached} for the next run on the same rows`);
    },
  };
}

async function importRows(api: ActualApi, rows: readonly PeerRow[]): Promise<ActualIds> {
  const bar = progressBar('Actual: importing', rows.length);
  let ids: ActualIds | undefined;
  await api.runImport(BUDGET_NAME, async () => {
    const accounts = new Map<string, string>();
    for (const name of new Set(rows.map((row) => row.account))) {
      accounts.set(name, await api.createAccount({ name, offbudget: false }, 0));
    }
    const incomeGroup = (await api.getCategoryGroups()).find((group) => group.is_income);
    if (!incomeGroup) throw new Error('a new Actual budget has no income category group');
    const spendingGroup = await api.createCategoryGroup({ name: 'Spending' });
    const categories = new Map<string, string>();
    for (const row of rows) {
      if (row.category === null || categories.has(row.category)) continue;
      // Actual has no transfer category: a transfer is a row whose payee is an account.
      if (row.categoryKind === 'transfer') continue;
      const income = row.categoryKind === 'income';
      categories.set(
        row.category,
        await api.createCategory({
          name: row.category,
          group_id: income ? incomeGroup.id : spendingGroup,
          is_income: income,
        }),
      );
    }
    const payees = await api.getPayees();
    const transferPayees = new Map(
      [...accounts].map(([name, id]) => {
        const payee = payees.find((p) => p.transfer_acct === id);
        if (!payee) throw new Error(`Actual made no transfer payee for ${name}`);
        return [name, payee.id] as const;
      }),
    );
    const made: ActualIds = { accounts, categories, transferPayees };
    let done = 0;
    for (const [account, group] of byAccount(rows)) {
      for (let start = 0; start < group.length; start += IMPORT_BATCH) {
        const batch = group.slice(start, start + IMPORT_BATCH);
        await api.addTransactions(
          accounts.get(account)!,
          batch.map(({ row, sortOrder }) => toActualTransaction(row, sortOrder, made)),
          { runTransfers: false, learnCategories: false },
        );
        done += batch.length;
        bar.update(done);
      }
    }
    ids = made;
  });
  bar.finish(`Actual: imported ${count(rows.length)} transactions through its API (runImport)`);
  if (!ids) throw new Error('runImport returned without running the import');
  return ids;
}

/** Keeps the most recently used budgets; older ones and abandoned partial copies go. */
async function prune(cacheDir: string): Promise<void> {
  const entries = await Promise.all(
    (await readdir(cacheDir)).map(async (name) => {
      const path = join(cacheDir, name);
      return { path, partial: name.includes('.partial-'), used: (await stat(path)).mtimeMs };
    }),
  );
  const complete = entries.filter((e) => !e.partial).sort((a, b) => b.used - a.used);
  const abandoned = entries.filter((e) => e.partial && Date.now() - e.used > ABANDONED_MS);
  for (const entry of [...complete.slice(KEPT), ...abandoned]) {
    await rm(entry.path, { recursive: true, force: true });
  }
}

const count = (n: number) => n.toLocaleString('en-US');
