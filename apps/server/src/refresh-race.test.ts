import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callProcedure,
  refreshCookie,
  registerAccount,
  startTestServer,
  type TestServer,
} from './testing.ts';

// Two tabs of one browser share the refresh cookie, and both may refresh at the same moment
// (waking from sleep, two reloads). Both must stay signed in; a real replay later must still end
// the session (RFC 9700 §4.14.2).
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ limits: { requestsPerMinute: 0 } });
});
afterAll(() => server.close());

const refresh = (cookie: string) =>
  callProcedure(server.baseUrl, 'auth.refresh', { input: {}, headers: { cookie } });
const me = (token: string) =>
  callProcedure(server.baseUrl, 'auth.me', {
    type: 'query',
    headers: { authorization: `Bearer ${token}` },
  });
const accessToken = (body: unknown) =>
  (body as { result: { data: { accessToken: string } } }).result.data.accessToken;

describe('refreshing with one refresh token at once', () => {
  it('keeps both tabs signed in with the same new cookie, and a later replay still revokes', async () => {
    const account = await registerAccount(server.baseUrl);
    const tabs = await Promise.all([refresh(account.cookie), refresh(account.cookie)]);
    expect(tabs.map((tab) => tab.status)).toEqual([200, 200]);
    const [first, second] = tabs.map((tab) => refreshCookie(tab.headers));
    expect(first).toBeDefined();
    expect(first).not.toBe(account.cookie);
    expect(second).toBe(first);
    for (const tab of tabs) expect((await me(accessToken(tab.body))).status).toBe(200);

    // The browser goes on with the new cookie…
    const next = await refresh(first!);
    expect(next.status).toBe(200);
    // …and the old one presented again is a replay: the whole session ends.
    expect((await refresh(account.cookie)).status).toBe(401);
    expect((await me(accessToken(next.body))).status).toBe(401);
    expect((await refresh(refreshCookie(next.headers)!)).status).toBe(401);
  });

  it('keeps five racing tabs signed in too', async () => {
    const account = await registerAccount(server.baseUrl);
    const tabs = await Promise.all(Array.from({ length: 5 }, () => refresh(account.cookie)));
    expect(tabs.map((tab) => tab.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(tabs.map((tab) => refreshCookie(tab.headers))).size).toBe(1);
    for (const tab of tabs) expect((await me(accessToken(tab.body))).status).toBe(200);
  });
});
