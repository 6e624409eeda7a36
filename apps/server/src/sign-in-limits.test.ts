import { TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from './env.ts';
import {
  callProcedure,
  count,
  registerAccount,
  startTestServer,
  type TestServer,
} from './testing.ts';

// Guessing a secret (a password at sign-in or in the settings, a two-factor code) over real
// HTTP, the way an attacker would: many at once, in one batch, behind forged forwarding headers.
// Whatever the concurrency, at most the policy's number of guesses may be verified (401); the
// rest are refused before verifying (429).
const POLICY = { signInFailures: 5, signInFailuresPerAccount: 8 };
const generous = { signInFailuresPerIp: 10_000, registrationsPerIp: 10_000, requestsPerMinute: 0 };

let direct: TestServer;
let proxied: TestServer;
beforeAll(async () => {
  direct = await startTestServer({ limits: { ...POLICY, ...generous } });
  // Behind a reverse proxy on this machine: X-Forwarded-For is believed from loopback only.
  proxied = await startTestServer({
    limits: { ...POLICY, ...generous },
    testDb: direct.testDb,
    trustProxy: ['loopback'],
  });
});
afterAll(async () => {
  await proxied.close();
  await direct.close();
});

const guess = (server: TestServer, email: string, i: number, headers = {}) =>
  callProcedure(server.baseUrl, 'auth.login', {
    input: { email, password: `wrong guess ${i}` },
    headers,
  }).then((r) => r.status);

describe('sign-in guesses for one account', () => {
  it('verify at most the policy’s number when N arrive at once', async () => {
    for (const n of [40, 100]) {
      const { email } = await registerAccount(direct.baseUrl);
      const statuses = await Promise.all(
        Array.from({ length: n }, (_, i) => guess(direct, email, i)),
      );
      expect({ n, verified: count(statuses, 401), refused: count(statuses, 429) }).toEqual({
        n,
        verified: POLICY.signInFailures,
        refused: n - POLICY.signInFailures,
      });
    }
  });

  it('verify at most the policy’s number when they come in one batched request', async () => {
    const { email } = await registerAccount(direct.baseUrl);
    const n = 20;
    const body = Object.fromEntries(
      Array.from({ length: n }, (_, i) => [i, { email, password: `batched guess ${i}` }]),
    );
    const response = await fetch(
      `${direct.baseUrl}/trpc/${Array(n).fill('auth.login').join(',')}?batch=1`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      },
    );
    const answers = (await response.json()) as { error?: { data: { httpStatus: number } } }[];
    const statuses = answers.map((answer) => answer.error?.data.httpStatus ?? 200);
    expect(count(statuses, 401)).toBe(POLICY.signInFailures);
    expect(count(statuses, 429)).toBe(n - POLICY.signInFailures);
  });

  it('gain nothing from a forged X-Forwarded-For without a trusted proxy', async () => {
    const { email } = await registerAccount(direct.baseUrl);
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        guess(direct, email, i, { 'x-forwarded-for': `198.51.100.${i}` }),
      ),
    );
    expect(count(statuses, 401)).toBe(POLICY.signInFailures);
  });

  it('gain nothing from a forged first hop behind a trusted proxy, which appends the real address', async () => {
    const { email } = await registerAccount(direct.baseUrl);
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        guess(proxied, email, i, { 'x-forwarded-for': `198.51.100.${i}, 203.0.113.7` }),
      ),
    );
    expect(count(statuses, 401)).toBe(POLICY.signInFailures);
  });

  it('are limited per account however many addresses they come from', async () => {
    const { email, password } = await registerAccount(direct.baseUrl);
    const statuses = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        guess(proxied, email, i, { 'x-forwarded-for': `198.51.100.${i}` }),
      ),
    );
    expect(count(statuses, 401)).toBe(POLICY.signInFailuresPerAccount);
    expect(count(statuses, 429)).toBe(30 - POLICY.signInFailuresPerAccount);
    // Another account is not affected by them.
    const other = await registerAccount(direct.baseUrl);
    expect(
      (
        await callProcedure(proxied.baseUrl, 'auth.login', {
          input: { email: other.email, password: other.password },
          headers: { 'x-forwarded-for': '198.51.100.1' },
        })
      ).status,
    ).toBe(200);
    expect(password).toBeTruthy();
  });
});

describe('guesses at a signed-in person’s secrets', () => {
  it('changing the password: wrong current passwords at once verify at most the policy’s number', async () => {
    const account = await registerAccount(direct.baseUrl);
    const statuses = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        callProcedure(direct.baseUrl, 'auth.changePassword', {
          input: { currentPassword: `not it ${i}`, newPassword: 'a brand new passphrase' },
          headers: { authorization: `Bearer ${account.token}` },
        }).then((r) => r.status),
      ),
    );
    expect(count(statuses, 401)).toBe(POLICY.signInFailures);
    expect(count(statuses, 429)).toBe(15 - POLICY.signInFailures);
  });

  it('two-factor: codes at sign-in and when turning it off count against the same limits', async () => {
    // The right password and wrong codes at sign-in, all at once.
    const first = await accountWithTwoFactor();
    const signIns = await Promise.all(
      first.wrongCodes.map((totpCode) =>
        callProcedure(direct.baseUrl, 'auth.login', {
          input: { email: first.email, password: first.password, totpCode },
        }).then((r) => r.status),
      ),
    );
    expect(count(signIns, 401)).toBeLessThanOrEqual(POLICY.signInFailures);
    expect(count(signIns, 429)).toBeGreaterThan(0);

    // Turning it off with the right password but wrong codes: refused, and limited.
    const second = await accountWithTwoFactor();
    const auth = { authorization: `Bearer ${second.token}` };
    const disables = await Promise.all(
      second.wrongCodes.map((code) =>
        callProcedure(direct.baseUrl, 'auth.twoFactor.disable', {
          input: { password: second.password, code },
          headers: auth,
        }).then((r) => r.status),
      ),
    );
    expect(count(disables, 400)).toBeLessThanOrEqual(POLICY.signInFailures);
    expect(count(disables, 429)).toBeGreaterThan(0);
    expect(count(disables, 200)).toBe(0);
    const status = await callProcedure(direct.baseUrl, 'auth.twoFactor.status', {
      type: 'query',
      headers: auth,
    });
    expect(status.body).toMatchObject({ result: { data: { enabled: true } } });
  });
});

/** A new account with two-factor on, and a dozen codes its app would not show now. */
async function accountWithTwoFactor() {
  const account = await registerAccount(direct.baseUrl);
  const auth = { authorization: `Bearer ${account.token}` };
  const start = await callProcedure(direct.baseUrl, 'auth.twoFactor.start', { headers: auth });
  const totp = new TOTP({
    secret: (start.body as { result: { data: { secret: string } } }).result.data.secret,
  });
  const confirmed = await callProcedure(direct.baseUrl, 'auth.twoFactor.confirm', {
    input: { code: totp.generate() },
    headers: auth,
  });
  expect(confirmed.status).toBe(200);
  const valid = new Set(
    [-1, 0, 1].map((step) => totp.generate({ timestamp: Date.now() + step * 30_000 })),
  );
  const wrongCodes = Array.from({ length: 12 }, (_, i) => String(100_000 + i * 7_919)).filter(
    (code) => !valid.has(code),
  );
  return { ...account, wrongCodes };
}

describe('configuration', () => {
  it('refuses to believe every proxy hop, or a hop count; accepts addresses and ranges', () => {
    for (const value of ['true', '1', '2']) {
      expect(() => parseEnv({ OUTLAY_TRUST_PROXY: value })).toThrow(/OUTLAY_TRUST_PROXY/);
    }
    expect(() => parseEnv({ OUTLAY_TRUST_PROXY: 'proxy.internal' })).toThrow(/OUTLAY_TRUST_PROXY/);
    expect(parseEnv({}).OUTLAY_TRUST_PROXY).toBe(false);
    expect(parseEnv({ OUTLAY_TRUST_PROXY: 'false' }).OUTLAY_TRUST_PROXY).toBe(false);
    expect(
      parseEnv({ OUTLAY_TRUST_PROXY: 'loopback, 10.0.0.0/8,192.0.2.10,::1' }).OUTLAY_TRUST_PROXY,
    ).toEqual(['loopback', '10.0.0.0/8', '192.0.2.10', '::1']);
  });
});
