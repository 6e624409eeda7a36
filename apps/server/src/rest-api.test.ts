import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { RouterOutputs } from '@outlay/client';
import { addDays } from '@outlay/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, STRONG_PASSWORD, type TestServer } from './testing.ts';

// The REST routes and their OpenAPI document, as a program that does not speak tRPC uses them:
// plain fetch, JSON bodies, a bearer token. Every documented operation is called, and every
// answer, success or refusal, is checked against the schema the document gives for its status.
// An operation added to the document without a call here fails the walk.

interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}
type OpenApi = {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
};

const CSV = readFileSync(
  fileURLToPath(new URL('../../../packages/importers/fixtures/reckon/chase.csv', import.meta.url)),
);

/** Each documented route and the procedure behind it, for the types of its answers. */
interface Routes {
  'GET /health': RouterOutputs['system']['health'];
  'POST /auth/register': RouterOutputs['auth']['register'];
  'POST /auth/login': RouterOutputs['auth']['login'];
  'GET /auth/me': RouterOutputs['auth']['me'];
  'GET /accounts': RouterOutputs['accounts']['list'];
  'POST /accounts': RouterOutputs['accounts']['create'];
  'PATCH /accounts/{id}': RouterOutputs['accounts']['update'];
  'POST /accounts/{id}/archive': RouterOutputs['accounts']['archive'];
  'POST /accounts/{id}/unarchive': RouterOutputs['accounts']['unarchive'];
  'GET /categories': RouterOutputs['categories']['list'];
  'POST /categories': RouterOutputs['categories']['create'];
  'PATCH /categories/{id}': RouterOutputs['categories']['update'];
  'POST /categories/{id}/archive': RouterOutputs['categories']['archive'];
  'POST /categories/{id}/unarchive': RouterOutputs['categories']['unarchive'];
  'POST /categories/merge': RouterOutputs['categories']['merge'];
  'DELETE /categories/{id}': RouterOutputs['categories']['delete'];
  'POST /history': RouterOutputs['history']['list'];
  'POST /history/{changeSetId}/rows': RouterOutputs['history']['rows'];
  'POST /history/{changeSetId}/undo': RouterOutputs['history']['undo'];
  'POST /imports/{batchId}/rows': RouterOutputs['imports']['rows'];
  'POST /imports/{batchId}/commit': RouterOutputs['imports']['commit'];
  'GET /imports': RouterOutputs['imports']['list'];
  'POST /imports/{batchId}/undo': RouterOutputs['imports']['undo'];
  'GET /backup': RouterOutputs['backup']['export'];
  'POST /metrics/summary': RouterOutputs['metrics']['summary'];
  'POST /metrics/over-time': RouterOutputs['metrics']['overTime'];
  'POST /metrics/by-category': RouterOutputs['metrics']['byCategory'];
  'POST /transactions/search': RouterOutputs['transactions']['list'];
  'POST /transactions/ids': RouterOutputs['transactions']['ids'];
  'POST /transactions/payees': RouterOutputs['transactions']['payees'];
  'GET /transactions/{id}': RouterOutputs['transactions']['get'];
  'POST /transactions': RouterOutputs['transactions']['create'];
  'PATCH /transactions/{id}': RouterOutputs['transactions']['update'];
  'POST /transactions/delete': RouterOutputs['transactions']['delete'];
  'POST /transactions/bulk-update': RouterOutputs['transactions']['bulkUpdate'];
  'POST /transfers': RouterOutputs['transfers']['create'];
  'GET /budgets': RouterOutputs['budgets']['list'];
  'POST /budgets': RouterOutputs['budgets']['create'];
  'PATCH /budgets/{id}': RouterOutputs['budgets']['update'];
  'DELETE /budgets/{id}': RouterOutputs['budgets']['delete'];
  'POST /budgets/status': RouterOutputs['budgets']['status'];
  'POST /budgets/history': RouterOutputs['budgets']['history'];
  'GET /recurring': RouterOutputs['recurring']['list'];
  'GET /recurring/suggestions': RouterOutputs['recurring']['suggestions'];
  'POST /recurring': RouterOutputs['recurring']['create'];
  'PATCH /recurring/{id}': RouterOutputs['recurring']['update'];
  'POST /recurring/{id}/pause': RouterOutputs['recurring']['pause'];
  'POST /recurring/{id}/resume': RouterOutputs['recurring']['resume'];
  'DELETE /recurring/{id}': RouterOutputs['recurring']['delete'];
  'GET /due-items': RouterOutputs['dueItems']['list'];
  'POST /due-items/{id}/pay': RouterOutputs['dueItems']['markPaid'];
  'POST /due-items/{id}/skip': RouterOutputs['dueItems']['skip'];
  'POST /due-items/reorder': RouterOutputs['dueItems']['reorder'];
  'PATCH /due-items/{id}': RouterOutputs['dueItems']['update'];
}

interface RestError {
  message: string;
  code: string;
}

let server: TestServer;
let document: OpenApi;
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
const walked = new Set<string>();

beforeAll(async () => {
  server = await startTestServer({ limits: { requestsPerMinute: 0, registrationsPerIp: 1_000 } });
  const response = await fetch(`${server.baseUrl}/openapi.json`);
  expect(response.status).toBe(200);
  document = (await response.json()) as OpenApi;
  ajv.addSchema(document, 'openapi.json');
});
afterAll(() => server.close());

/** A JSON pointer into the document, as a URI fragment. */
function pointer(...segments: string[]): string {
  return segments
    .map((segment) => encodeURIComponent(segment.replaceAll('~', '~0').replaceAll('/', '~1')))
    .join('/');
}

/**
 * Calls `method template` with the path parameters filled in, then checks the answer against the
 * schema the document gives for its status (which must be one it documents).
 */
async function call<R extends keyof Routes>(
  route: R,
  {
    params = {},
    query,
    body,
    token,
  }: {
    params?: Record<string, string>;
    query?: Record<string, string>;
    body?: unknown;
    token?: string;
  } = {},
): Promise<{ status: number; json: Routes[R]; error: RestError }> {
  const [method, template] = route.split(' ') as [string, string];
  const operation = document.paths[template]?.[method.toLowerCase()];
  expect(operation, `${method} ${template} is documented`).toBeDefined();
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!);
  const search = query ? `?${new URLSearchParams(query).toString()}` : '';
  const response = await fetch(`${document.servers[0]!.url}${path}${search}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json: unknown = await response.json();
  const status = String(response.status);
  const documented = operation!.responses[status]?.content?.['application/json'];
  expect(documented, `${method} ${template} documents a ${status} answer`).toBeDefined();
  const validate = ajv.compile({
    $ref: `openapi.json#/${pointer('paths', template, method.toLowerCase(), 'responses', status, 'content', 'application/json', 'schema')}`,
  });
  expect(
    validate(json) ? null : { status, json, errors: validate.errors },
    `${method} ${template} answers as documented`,
  ).toBeNull();
  if (response.ok) walked.add(operation!.operationId);
  return { status: response.status, json: json as Routes[R], error: json as RestError };
}

describe('the REST routes and their OpenAPI document', () => {
  it('walks every documented operation with plain HTTP; each answer matches the document', async () => {
    expect(document.openapi).toMatch(/^3\./);
    expect(document.servers[0]!.url).toBe(`${server.baseUrl}/api/v1`);

    expect((await call('GET /health')).json).toMatchObject({ ok: true });
    const email = `rest-${Date.now()}@example.com`;
    await call('POST /auth/register', {
      body: { email, password: STRONG_PASSWORD, displayName: 'Rest Person' },
    });
    const { json: session } = await call('POST /auth/login', {
      body: { email, password: STRONG_PASSWORD },
    });
    const token = session.accessToken;
    expect((await call('GET /auth/me', { token })).json.email).toBe(email);

    // Accounts and categories.
    const { json: checking } = await call('POST /accounts', {
      token,
      body: { name: 'Checking', kind: 'checking', currency: 'USD' },
    });
    const { json: savings } = await call('POST /accounts', {
      token,
      body: { name: 'Savings', kind: 'savings', currency: 'USD' },
    });
    const accountId = checking.account.id;
    await call('PATCH /accounts/{id}', {
      token,
      params: { id: savings.account.id },
      body: { patch: { name: 'Rainy day' } },
    });
    await call('POST /accounts/{id}/archive', { token, params: { id: savings.account.id } });
    await call('POST /accounts/{id}/unarchive', { token, params: { id: savings.account.id } });
    expect((await call('GET /accounts', { token })).json).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Checking' }),
        expect.objectContaining({ name: 'Rainy day', archived: false }),
      ]),
    );

    const { json: food } = await call('POST /categories', {
      token,
      body: { name: 'Food', kind: 'expense' },
    });
    const { json: snacks } = await call('POST /categories', {
      token,
      body: { name: 'Snacks', kind: 'expense' },
    });
    const foodId = food.category.id;
    await call('PATCH /categories/{id}', {
      token,
      params: { id: foodId },
      body: { patch: { name: 'Food and drink' } },
    });
    await call('POST /categories/{id}/archive', { token, params: { id: snacks.category.id } });
    await call('POST /categories/{id}/unarchive', { token, params: { id: snacks.category.id } });
    const { json: spare } = await call('POST /categories', {
      token,
      body: { name: 'Spare', kind: 'expense' },
    });
    await call('DELETE /categories/{id}', { token, params: { id: spare.category.id } });
    const names = (await call('GET /categories', { token })).json.map(
      (c: { name: string }) => c.name,
    );
    expect(names).toEqual(expect.arrayContaining(['Food and drink', 'Snacks']));
    expect(names).not.toContain('Spare');

    // Recording money.
    const { json: created } = await call('POST /transactions', {
      token,
      body: {
        accountId,
        occurredOn: '2026-11-02',
        amountMinor: -4_250,
        payee: 'Corner Shop',
        categoryId: snacks.category.id,
      },
    });
    const transactionId = created.transactions[0]!.id;
    await call('POST /categories/merge', {
      token,
      body: { from: snacks.category.id, into: foodId },
    });
    expect(
      (await call('GET /transactions/{id}', { token, params: { id: transactionId } })).json
        .categoryId,
    ).toBe(foodId);
    await call('PATCH /transactions/{id}', {
      token,
      params: { id: transactionId },
      body: { patch: { notes: 'milk and bread' } },
    });
    await call('POST /transfers', {
      token,
      body: {
        fromAccountId: accountId,
        toAccountId: savings.account.id,
        occurredOn: '2026-11-03',
        amountMinor: 10_000,
      },
    });
    const { json: bulk } = await call('POST /transactions/bulk-update', {
      token,
      body: { ids: [transactionId], set: { payee: 'Corner Shop Ltd' } },
    });
    const { json: page } = await call('POST /transactions/search', {
      token,
      body: { filter: { from: '2026-11-01', to: '2026-11-30' } },
    });
    expect(page.items.map((row) => row.payee)).toContain('Corner Shop Ltd');
    const { json: ids } = await call('POST /transactions/ids', { token, body: {} });
    expect(ids.ids).toContain(transactionId);
    expect((await call('POST /transactions/payees', { token, body: {} })).json).toEqual(
      expect.arrayContaining([expect.objectContaining({ payee: 'Corner Shop Ltd' })]),
    );

    // Figures: the same filter gives the same spend everywhere.
    const filter = { from: '2026-11-01', to: '2026-11-30' };
    const { json: summary } = await call('POST /metrics/summary', { token, body: { filter } });
    expect(summary.totalSpend).toBe(4_250);
    const { json: overTime } = await call('POST /metrics/over-time', {
      token,
      body: { filter, granularity: 'month' },
    });
    const { json: byCategory } = await call('POST /metrics/by-category', {
      token,
      body: { filter },
    });
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(sum(overTime.buckets.map((b: { spendMinor: number }) => b.spendMinor))).toBe(4_250);
    expect(sum(byCategory.categories.map((c: { spendMinor: number }) => c.spendMinor))).toBe(4_250);

    // Budgets: November's food budget has the same spend as the figures above.
    const { json: budget } = await call('POST /budgets', {
      token,
      body: { categoryId: foodId, period: 'monthly', amountMinor: 40_000, startsOn: '2026-11-01' },
    });
    await call('PATCH /budgets/{id}', {
      token,
      params: { id: budget.budget.id },
      body: { patch: { amountMinor: 45_000 } },
    });
    expect((await call('GET /budgets', { token })).json).toHaveLength(1);
    const { json: budgetStatus } = await call('POST /budgets/status', {
      token,
      body: { period: '2026-11-15', today: '2026-11-15' },
    });
    expect(budgetStatus.budgets[0]!.spentMinor).toBe(4_250);
    const { json: budgetHistory } = await call('POST /budgets/history', {
      token,
      body: { periods: 3, period: '2026-11-15' },
    });
    // The budget starts in November: the months before it are not its periods.
    expect(budgetHistory.budgets[0]!.periods.map((period) => period.spentMinor)).toEqual([4_250]);
    await call('DELETE /budgets/{id}', { token, params: { id: budget.budget.id } });

    // History: the bulk edit's rows, then its undo.
    const { json: history } = await call('POST /history', { token, body: {} });
    expect(history.items.map((entry) => entry.id)).toContain(bulk.changeSetId);
    const { json: rows } = await call('POST /history/{changeSetId}/rows', {
      token,
      params: { changeSetId: bulk.changeSetId },
      body: {},
    });
    expect(rows.items).toHaveLength(1);
    await call('POST /history/{changeSetId}/undo', {
      token,
      params: { changeSetId: bulk.changeSetId },
      body: {},
    });

    // Bills: a monthly one from today, its due items, paid, skipped and ordered.
    const today = new Date().toISOString().slice(0, 10);
    const { json: bill } = await call('POST /recurring', {
      token,
      body: {
        name: 'Rent',
        payee: 'Landlord',
        amountMinor: -120_000,
        accountId,
        categoryId: foodId,
        rrule: 'FREQ=MONTHLY',
        startsOn: today,
      },
    });
    const billId = bill.item.id;
    expect(bill.dueItems.added).toBeGreaterThan(1);
    await call('PATCH /recurring/{id}', {
      token,
      params: { id: billId },
      body: { patch: { name: 'Rent and service' } },
    });
    expect((await call('GET /recurring', { token })).json.map((item) => item.name)).toEqual([
      'Rent and service',
    ]);
    await call('GET /recurring/suggestions', { token });
    const { json: due } = await call('GET /due-items', {
      token,
      query: { from: today, to: addDays(today, 70) },
    });
    const [first, second] = due.items;
    const { json: edited } = await call('PATCH /due-items/{id}', {
      token,
      params: { id: first!.id },
      body: { patch: { amountMinor: first!.amountMinor - 1_00 } },
    });
    expect(edited.item).toMatchObject({ id: first!.id, amountEdited: true });
    await call('POST /due-items/{id}/pay', { token, params: { id: first!.id }, body: {} });
    await call('POST /due-items/{id}/skip', { token, params: { id: second!.id } });
    await call('POST /due-items/reorder', { token, body: { ids: [second!.id, first!.id] } });
    const statuses = (
      await call('GET /due-items', { token, query: { from: today, to: addDays(today, 70) } })
    ).json.items.map((item) => item.status);
    expect(statuses.slice(0, 2).sort()).toEqual(['paid', 'skipped']);
    await call('POST /recurring/{id}/pause', { token, params: { id: billId } });
    await call('POST /recurring/{id}/resume', { token, params: { id: billId } });
    await call('DELETE /recurring/{id}', { token, params: { id: billId } });

    // Imports: the file goes up over tRPC (a multipart form); the rest is REST.
    const form = new FormData();
    form.append('file', new Blob([CSV]), 'chase.csv');
    form.append('accountId', accountId);
    const upload = await fetch(`${server.baseUrl}/trpc/imports.preview`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(upload.status).toBe(200);
    const batchId = ((await upload.json()) as { result: { data: { batchId: string } } }).result.data
      .batchId;
    const { json: preview } = await call('POST /imports/{batchId}/rows', {
      token,
      params: { batchId },
      body: {},
    });
    expect(preview.items.length).toBeGreaterThan(0);
    const { json: committed } = await call('POST /imports/{batchId}/commit', {
      token,
      params: { batchId },
      body: { decisions: [{ rowNo: preview.items[0]!.rowNo, action: 'skip' }] },
    });
    expect(committed.skipped).toBe(1);
    expect((await call('GET /imports', { token })).json[0]!.id).toBe(batchId);
    await call('POST /imports/{batchId}/undo', { token, params: { batchId }, body: {} });
    const { json: backup } = await call('GET /backup', { token });
    expect(backup).toMatchObject({ format: 'outlay-backup', version: 1 });
    expect(backup.transactions.map((t) => t.id)).toContain(transactionId);

    await call('POST /transactions/delete', { token, body: { ids: [transactionId] } });

    const documented = Object.values(document.paths).flatMap((methods) =>
      Object.values(methods).map((operation) => operation.operationId),
    );
    expect([...walked].sort()).toEqual([...documented].sort());
  });

  it('refuses as documented: bad input, no token, a read-only token writing, a stranger’s row', async () => {
    const { json: session } = await call('POST /auth/register', {
      body: {
        email: `rest-refused-${Date.now()}@example.com`,
        password: STRONG_PASSWORD,
        displayName: 'Refused',
      },
    });
    const token = session.accessToken;

    const bad = await call('POST /metrics/summary', {
      token,
      body: { filter: { from: '0006-07-01' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.error.code).toBe('BAD_REQUEST');

    expect((await call('GET /accounts')).status).toBe(401);
    expect((await call('GET /accounts', { token: 'not-a-token' })).status).toBe(401);

    // API tokens are made in a signed-in session (Account settings, over tRPC).
    const made = await fetch(`${server.baseUrl}/trpc/auth.apiTokens.create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Read only', scope: 'read' }),
    });
    const readOnly = ((await made.json()) as { result: { data: { token: string } } }).result.data
      .token;
    expect((await call('GET /accounts', { token: readOnly })).status).toBe(200);
    const refused = await call('POST /accounts', {
      token: readOnly,
      body: { name: 'Nope', kind: 'cash', currency: 'USD' },
    });
    expect(refused.status).toBe(403);
    expect(refused.error.message).toBe('This API token is read-only');

    // Someone else's transaction is as absent as one that never existed.
    const { json: stranger } = await call('POST /auth/register', {
      body: {
        email: `rest-stranger-${Date.now()}@example.com`,
        password: STRONG_PASSWORD,
        displayName: 'Stranger',
      },
    });
    const [theirAccount] = (await call('GET /accounts', { token: stranger.accessToken })).json;
    const { json: theirs } = await call('POST /transactions', {
      token: stranger.accessToken,
      body: { accountId: theirAccount!.id, occurredOn: '2026-11-02', amountMinor: -100 },
    });
    for (const id of [theirs.transactions[0]!.id, '00000000-0000-4000-8000-000000000000']) {
      const missing = await call('GET /transactions/{id}', { token, params: { id } });
      expect(missing.status).toBe(404);
    }
    expect(
      (
        await call('PATCH /transactions/{id}', {
          token,
          params: { id: theirs.transactions[0]!.id },
          body: { patch: { notes: 'mine now' } },
        })
      ).status,
    ).toBe(404);
    const notAnId = await call('GET /transactions/{id}', { token, params: { id: 'nope' } });
    expect(notAnId.status).toBe(400);
  });

  it('serves interactive docs that load under the Content-Security-Policy', async () => {
    const page = await fetch(`${server.baseUrl}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    // No inline script: every script is a file from this server.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    for (const src of [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]!)) {
      expect((await fetch(`${server.baseUrl}${src}`)).status, src).toBe(200);
    }
    expect((await fetch(`${server.baseUrl}/docs/assets/package.json`)).status).toBe(404);
  });
});
