import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount, startTestServer, type TestServer } from './testing.ts';

// The per-minute request limit protects the server without punishing use: a dashboard asks five
// questions per filter change in one batched request, which counts once, and people who share an
// address (an office, a household) do not share a budget once signed in. Anonymous calls are
// limited per address. Default limit: 100 requests a minute.
let server: TestServer;
beforeAll(async () => {
  // Behind a proxy on this machine, so each simulated person can have an address of their own.
  server = await startTestServer({
    limits: { registrationsPerIp: 1_000 },
    trustProxy: ['loopback'],
  });
});
afterAll(() => server.close());

const DASHBOARD = [
  'metrics.summary',
  'metrics.overTime',
  'metrics.byCategory',
  'categories.list',
  'transactions.list',
];
const dashboardInput = encodeURIComponent(
  JSON.stringify({
    0: { filter: { from: '2026-01-01', to: '2026-03-31' } },
    1: { filter: { from: '2026-01-01', to: '2026-03-31' }, granularity: 'auto' },
    2: { filter: { from: '2026-01-01', to: '2026-03-31' } },
    4: { filter: { from: '2026-01-01', to: '2026-03-31' }, limit: 50 },
  }),
);

/** One filter change on the dashboard: its five queries in one batched request. */
async function changeFilter(token: string, address: string) {
  const response = await fetch(
    `${server.baseUrl}/trpc/${DASHBOARD.join(',')}?batch=1&input=${dashboardInput}`,
    { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': address } },
  );
  const answers = (await response.json()) as {
    error?: { message: string; data: { httpStatus: number; retryAfterSeconds: number | null } };
  }[];
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    statuses: answers.map((answer) => answer.error?.data.httpStatus ?? 200),
    errors: answers.flatMap((answer) => (answer.error ? [answer.error] : [])),
  };
}

describe('the request limit', () => {
  it('lets a person change filters forty times a minute, and a second person at the same address too', async () => {
    const office = '198.51.100.20';
    const [first, second] = await Promise.all([
      registerAccount(server.baseUrl, { 'x-forwarded-for': '192.0.2.1' }),
      registerAccount(server.baseUrl, { 'x-forwarded-for': '192.0.2.2' }),
    ]);
    for (let change = 0; change < 40; change += 1) {
      for (const person of [first, second]) {
        const answer = await changeFilter(person.token, office);
        expect({ change, statuses: answer.statuses }).toEqual({
          change,
          statuses: [200, 200, 200, 200, 200],
        });
      }
    }
  });

  it('refuses a whole batch past the limit, saying how long to wait', async () => {
    const person = await registerAccount(server.baseUrl, { 'x-forwarded-for': '192.0.2.3' });
    for (let request = 0; request < 100; request += 1) {
      expect((await changeFilter(person.token, '192.0.2.3')).status).toBe(200);
    }
    const refused = await changeFilter(person.token, '192.0.2.3');
    expect(refused.statuses).toEqual([429, 429, 429, 429, 429]);
    const wait = Number(refused.retryAfter);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(refused.errors[0]!.data.retryAfterSeconds).toBe(wait);
    expect(refused.errors[0]!.message).toBe(
      `Too many requests. Try again in ${wait} second${wait === 1 ? '' : 's'}.`,
    );
    // Someone else is not affected.
    const other = await registerAccount(server.baseUrl, { 'x-forwarded-for': '192.0.2.3' });
    expect((await changeFilter(other.token, '192.0.2.3')).status).toBe(200);
  });

  it('still limits calls without a credential per address', async () => {
    const health = (address: string) =>
      fetch(`${server.baseUrl}/trpc/system.health`, { headers: { 'x-forwarded-for': address } });
    for (let i = 0; i < 100; i += 1) expect((await health('203.0.113.50')).status).toBe(200);
    const refused = await health('203.0.113.50');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await health('203.0.113.51')).status).toBe(200);
    // A refused credential counts as anonymous: it cannot be used to get a fresh budget.
    const forged = await fetch(`${server.baseUrl}/trpc/auth.me`, {
      headers: { authorization: 'Bearer not-a-token', 'x-forwarded-for': '203.0.113.50' },
    });
    expect(forged.status).toBe(429);
  });
});
