/**
 * Asking Outlay a question through its API: in-process through `createCaller` (validated input and
 * output, a real access token, the row-level-security transaction; no HTTP), or over HTTP through
 * `@outlay/client` against a server process. Both take the same procedures, so one adapter
 * interface serves both.
 */
import type { createCaller } from '@outlay/api';
import type { OutlayClient } from '@outlay/client';
import {
  MAX_PAGE_SIZE,
  type ByCategory,
  type MetricsSummary,
  type OverTime,
  type TransactionFilter,
  type TransactionPage,
} from '@outlay/contracts';
import { amount, breakdown, ids, type Answer } from './answers.ts';
import type { Ask, QuestionFilter } from './questions.ts';

interface ListInput {
  filter: TransactionFilter;
  limit: number;
  cursor?: string | null;
}

export interface OutlayAsk {
  summary(input: { filter: TransactionFilter }): Promise<MetricsSummary>;
  byCategory(input: { filter: TransactionFilter }): Promise<ByCategory>;
  overTime(input: { filter: TransactionFilter; granularity: 'month' }): Promise<OverTime>;
  list(input: ListInput): Promise<TransactionPage>;
}

export function callerAsk(caller: ReturnType<typeof createCaller>): OutlayAsk {
  return {
    summary: (input) => caller.metrics.summary(input),
    byCategory: (input) => caller.metrics.byCategory(input),
    overTime: (input) => caller.metrics.overTime(input),
    list: (input) => caller.transactions.list(input),
  };
}

export function clientAsk(client: OutlayClient): OutlayAsk {
  return {
    summary: (input) => client.metrics.summary.query(input),
    byCategory: (input) => client.metrics.byCategory.query(input),
    overTime: (input) => client.metrics.overTime.query(input),
    list: (input) => client.transactions.list.query(input),
  };
}

/** Outlay's account ids by name. */
export type OutlayAccounts = ReadonlyMap<string, string>;

export function outlayFilter(filter: QuestionFilter, accounts: OutlayAccounts): TransactionFilter {
  const { account, ...rest } = filter;
  if (account === undefined) return rest;
  const id = accounts.get(account);
  if (id === undefined) throw new Error(`Outlay has no account "${account}"`);
  return { ...rest, accountIds: [id] };
}

export async function askOutlay(
  outlay: OutlayAsk,
  accounts: OutlayAccounts,
  ask: Ask,
): Promise<Answer> {
  const filter = outlayFilter(ask.filter, accounts);
  switch (ask.kind) {
    case 'total':
      return amount((await outlay.summary({ filter })).totalSpend);
    case 'byCategory':
      return breakdown(
        (await outlay.byCategory({ filter })).categories.map(
          (c) => [c.name, c.spendMinor] as const,
        ),
      );
    case 'byMonth':
      return breakdown(
        (await outlay.overTime({ filter, granularity: 'month' })).buckets.map(
          (b) => [b.bucket.slice(0, 7), b.spendMinor] as const,
        ),
      );
    case 'page': {
      const cursor = await cursorAt(outlay, filter, ask.offset);
      const page = await outlay.list({ filter, limit: ask.limit, cursor });
      return ids(page.items.map((item) => item.id));
    }
    case 'all': {
      const found: string[] = [];
      let cursor: string | null = null;
      do {
        const page: TransactionPage = await outlay.list({ filter, limit: MAX_PAGE_SIZE, cursor });
        for (const item of page.items) found.push(item.id);
        cursor = page.nextCursor;
      } while (cursor !== null);
      return ids(found);
    }
  }
}

/**
 * The keyset cursor of the row at `offset` (newest first). The list has no way to jump to a
 * position or a date yet, so it walks there in the largest pages the API allows: offset ÷ 500
 * requests. `null` is the start of the list.
 */
export async function cursorAt(
  outlay: OutlayAsk,
  filter: TransactionFilter,
  offset: number,
): Promise<string | null> {
  let cursor: string | null = null;
  for (let remaining = offset; remaining > 0;) {
    const stride = Math.min(MAX_PAGE_SIZE, remaining);
    const page: TransactionPage = await outlay.list({ filter, limit: stride, cursor });
    if (page.nextCursor === null) throw new Error(`the list ends before row ${offset}`);
    cursor = page.nextCursor;
    remaining -= stride;
  }
  return cursor;
}
