import { TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextInner, memoryCookieJar, REFRESH_COOKIE, type ApiDeps } from './context.ts';
import { createRateLimits } from './rate-limit/rate-limits.ts';
import { createCaller } from './root.ts';
import { createHarness, TEST_PASSWORD, type Harness } from './testing.ts';

// Account security, one test per OWASP ASVS 5.0 requirement it covers (named in the test).
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.dispose());

/** A browser: its own cookie jar and IP, and the access token of its last sign-in. */
function browser(options: { ip?: string; deps?: ApiDeps } = {}) {
  const cookies = memoryCookieJar();
  let accessToken: string | null = null;
  const api = () =>
    createCaller(
      createContextInner(options.deps ?? h.deps, {
        cookies,
        accessToken,
        ip: options.ip ?? '10.0.0.1',
      }),
    );
  return {
    cookies,
    api,
    setToken(token: string | null) {
      accessToken = token;
    },
    async login(
      email: string,
      password: string,
      extra: { totpCode?: string; recoveryCode?: string } = {},
    ) {
      const session = await api().auth.login({ email, password, ...extra });
      accessToken = session.accessToken;
      return session;
    },
    async refresh() {
      const session = await api().auth.refresh();
      accessToken = session.accessToken;
      return session;
    },
  };
}

let emailCounter = 0;
const newEmail = () => `person-${++emailCounter}-${Date.now()}@example.com`;
const STRONG = 'a quiet lantern over seven hills';

async function auditActions(userId: string): Promise<string[]> {
  const rows = await h.db
    .selectFrom('audit_log')
    .select('action')
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.action);
}

describe('V6.2 password security', () => {
  it('V6.2.1: refuses passwords shorter than 8 characters and accepts 8', async () => {
    const b = browser();
    await expect(
      b.api().auth.register({ email: newEmail(), password: 'Zq9!x7w', displayName: 'Seven' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const session = await b
      .api()
      .auth.register({ email: newEmail(), password: 'Zq9!x7wK', displayName: 'Eight' });
    expect(session.accessToken).toBeTruthy();
  });

  it('V6.2.9 and V6.2.8: accepts long passwords and verifies them exactly as typed, untruncated and case-sensitive', async () => {
    const email = newEmail();
    const long = `${'correct horse battery staple '.repeat(4)}✓ 終わり`;
    expect(long.length).toBeGreaterThan(64);
    await browser().api().auth.register({ email, password: long, displayName: 'Long' });
    await expect(browser().login(email, long)).resolves.toBeTruthy();
    for (const variant of [
      long.slice(0, 72),
      long.toUpperCase(),
      `${long} `,
      long.trim().slice(0, -1),
    ]) {
      await expect(browser().login(email, variant)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
  });

  it('V6.2.5: has no composition rules', async () => {
    const session = await browser().api().auth.register({
      email: newEmail(),
      password: 'lowercase letters only here',
      displayName: 'Plain',
    });
    expect(session.user.displayName).toBe('Plain');
  });

  it('V6.2.4: refuses the most common passwords', async () => {
    for (const common of ['password123', 'qwertyuiop', 'iloveyou1']) {
      await expect(
        browser()
          .api()
          .auth.register({ email: newEmail(), password: common, displayName: 'Common' }),
      ).rejects.toThrow(/too common/);
    }
  });

  it('V6.2.3 and V7.4.3: changing the password needs the current one and ends every other session', async () => {
    const email = newEmail();
    const first = browser();
    first.setToken(
      (await first.api().auth.register({ email, password: STRONG, displayName: 'Changer' }))
        .accessToken,
    );
    const second = browser();
    await second.login(email, STRONG);
    await expect(
      first.api().auth.changePassword({
        currentPassword: 'not my password',
        newPassword: 'a brand new passphrase',
      }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED', cause: { reason: 'WRONG_PASSWORD' } });
    await first
      .api()
      .auth.changePassword({ currentPassword: STRONG, newPassword: 'a brand new passphrase' });
    await expect(second.api().auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(second.refresh()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await first.api().auth.me()).email).toBe(email);
    await expect(browser().login(email, STRONG)).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(browser().login(email, 'a brand new passphrase')).resolves.toBeTruthy();
  });
});

describe('V6.3 general authentication security', () => {
  it('V6.3.1: the 11th failure in the window is refused with a retry time, even with the right password; others are unaffected', async () => {
    const deps: ApiDeps = {
      ...h.deps,
      limits: createRateLimits({ baseDelayMs: 1, maxDelayMs: 5, requestsPerMinute: 0 }),
    };
    const victim = await h.createUser();
    const neighbour = await h.createUser();
    const attacker = browser({ ip: '203.0.113.9', deps });
    for (let attempt = 1; attempt <= 10; attempt += 1) {
      await expect(attacker.login(victim.email, `guess ${attempt}`)).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
    const locked = attacker.login(victim.email, 'guess 11');
    await expect(locked).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    const error = (await locked.catch((e: unknown) => e)) as {
      cause?: { retryAfterSeconds?: number };
    };
    expect(error.cause?.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(error.cause?.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    await expect(attacker.login(victim.email, TEST_PASSWORD)).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    // Another account from the same IP, and the same account from another IP, still sign in.
    await expect(attacker.login(neighbour.email, TEST_PASSWORD)).resolves.toBeTruthy();
    await expect(
      browser({ ip: '198.51.100.7', deps }).login(victim.email, TEST_PASSWORD),
    ).resolves.toBeTruthy();
  });

  it('V6.3.8: an unknown email and a wrong password get the same error in indistinguishable time', async () => {
    const user = await h.createUser();
    const timings = { unknown: [] as number[], wrong: [] as number[] };
    const errors = new Set<string>();
    // Interleaved, so drift in machine load hits both samples alike.
    for (let i = 0; i < 30; i += 1) {
      for (const kind of ['unknown', 'wrong'] as const) {
        const started = performance.now();
        const failure = await browser({ ip: `10.9.${i}.${kind === 'wrong' ? 1 : 2}` })
          .login(kind === 'unknown' ? `nobody-${i}@example.com` : user.email, `wrong password ${i}`)
          .then(
            () => ({ code: 'SIGNED_IN', message: 'unexpectedly signed in' }),
            (e: unknown) => e as { code: string; message: string },
          );
        timings[kind].push(performance.now() - started);
        errors.add(`${failure.code}: ${failure.message}`);
      }
    }
    expect([...errors]).toEqual(['UNAUTHORIZED: Incorrect email or password']);
    // The median of per-pair ratios: a burst of load on the machine slows both halves of a pair.
    const ratios = timings.unknown.map((t, i) => t / timings.wrong[i]!).sort((a, b) => a - b);
    const ratio = ratios[Math.floor(ratios.length / 2)]!;
    // Both paths run one argon2id verification; a skipped hash would make one ~20× faster.
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1.43);
  });
});

describe('V7 session management', () => {
  it('V7.2.4: every sign-in gets a new session and refresh token', async () => {
    const user = await h.createUser();
    const a = browser();
    const b = browser();
    const sa = await a.login(user.email, TEST_PASSWORD);
    const sb = await b.login(user.email, TEST_PASSWORD);
    expect(sa.accessToken).not.toBe(sb.accessToken);
    expect(a.cookies.get(REFRESH_COOKIE)).toBeTruthy();
    expect(a.cookies.get(REFRESH_COOKIE)).not.toBe(b.cookies.get(REFRESH_COOKIE));
    expect(await a.api().auth.sessions()).toHaveLength(2);
  });

  it('rotates the refresh token on every use; each replay of a used one revokes the whole family', async () => {
    const user = await h.createUser();
    const b = browser();
    await b.login(user.email, TEST_PASSWORD);
    const first = b.cookies.get(REFRESH_COOKIE)!;
    await b.refresh();
    const second = b.cookies.get(REFRESH_COOKIE)!;
    expect(second).not.toBe(first);
    await b.refresh();
    const third = b.cookies.get(REFRESH_COOKIE)!;
    const liveAccess = (await b.api().auth.me()).id;
    expect(liveAccess).toBe(user.id);

    // A thief replays the first token: refused, and the family dies.
    const thief = browser();
    thief.cookies.set(REFRESH_COOKIE, first, 60);
    await expect(thief.refresh()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    for (const token of [second, third, first]) {
      const replay = browser();
      replay.cookies.set(REFRESH_COOKIE, token, 60);
      await expect(replay.refresh()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
    await expect(b.api().auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(await auditActions(user.id)).toContain('auth.refresh.reused');
  });

  it('V7.3.1 and V7.3.2: sessions end after the idle timeout and at the absolute lifetime', async () => {
    const user = await h.createUser();
    let now = Date.now();
    const deps: ApiDeps = {
      ...h.deps,
      auth: { sessionIdleSeconds: 60, sessionAbsoluteSeconds: 300 },
      now: () => new Date(now),
    };
    const b = browser({ deps });
    await b.login(user.email, TEST_PASSWORD);
    now += 50_000;
    await b.refresh();
    now += 61_000;
    await expect(b.refresh()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });

    const c = browser({ deps });
    await c.login(user.email, TEST_PASSWORD);
    for (let step = 0; step < 5; step += 1) {
      now += 55_000;
      await c.refresh();
    }
    now += 55_000; // 330 s after sign-in, though never idle for a minute
    await expect(c.refresh()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('V7.4.1: after sign-out neither the access token nor the refresh token works', async () => {
    const user = await h.createUser();
    const b = browser();
    await b.login(user.email, TEST_PASSWORD);
    const refreshToken = b.cookies.get(REFRESH_COOKIE)!;
    await b.api().auth.logout();
    expect(b.cookies.get(REFRESH_COOKIE)).toBeUndefined();
    await expect(b.api().auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    b.cookies.set(REFRESH_COOKIE, refreshToken, 60);
    await expect(b.refresh()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('V7.5.2: a user sees their sessions and can end any of them', async () => {
    const user = await h.createUser();
    const laptop = browser();
    const phone = browser();
    await laptop.login(user.email, TEST_PASSWORD);
    await phone.login(user.email, TEST_PASSWORD);
    const sessions = await laptop.api().auth.sessions();
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const other = sessions.find((s) => !s.current)!;
    await laptop.api().auth.revokeSession({ id: other.id });
    await expect(phone.api().auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await laptop.api().auth.me()).id).toBe(user.id);
  });

  it('V7.5.2: a user can sign out every other session at once, keeping this one', async () => {
    const user = await h.createUser();
    const stranger = await h.createUser();
    const [laptop, phone, tablet, theirs] = [browser(), browser(), browser(), browser()];
    await laptop.login(user.email, TEST_PASSWORD);
    await phone.login(user.email, TEST_PASSWORD);
    await tablet.login(user.email, TEST_PASSWORD);
    await theirs.login(stranger.email, TEST_PASSWORD);
    expect(await laptop.api().auth.sessions()).toHaveLength(3);

    expect(await laptop.api().auth.revokeOtherSessions()).toEqual({ ok: true });
    const left = await laptop.api().auth.sessions();
    expect(left.map((s) => s.current)).toEqual([true]);
    for (const other of [phone, tablet]) {
      await expect(other.api().auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      await expect(other.refresh()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
    expect((await laptop.api().auth.me()).id).toBe(user.id);
    await laptop.refresh();
    // Another person's sessions are theirs.
    expect((await theirs.api().auth.me()).id).toBe(stranger.id);
  });
});

describe('API tokens', () => {
  it('are shown once, stored hashed, accepted as bearer credentials and revocable; read-only ones refuse mutations', async () => {
    const user = await h.createUser();
    const b = browser();
    await b.login(user.email, TEST_PASSWORD);
    const read = await b.api().auth.apiTokens.create({ name: 'Spreadsheet', scope: 'read' });
    const write = await b.api().auth.apiTokens.create({ name: 'Importer', scope: 'write' });
    expect(read.token).toMatch(/^outlay_pat_/);
    const stored = await h.db
      .selectFrom('api_tokens')
      .select('token_hash')
      .where('user_id', '=', user.id)
      .execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(read.token);
    expect(JSON.stringify(await b.api().auth.apiTokens.list())).not.toContain(read.token);

    const asRead = browser();
    asRead.setToken(read.token);
    expect((await asRead.api().metrics.summary({ filter: {} })).totalSpend).toBe(0);
    await expect(
      asRead.api().auth.changePassword({ currentPassword: TEST_PASSWORD, newPassword: STRONG }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'This API token is read-only',
    });
    const asWrite = browser();
    asWrite.setToken(write.token);
    // A write token passes the read-only guard but cannot manage the account.
    await expect(
      asWrite.api().auth.apiTokens.create({ name: 'x', scope: 'write' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Sign in to manage your account',
    });

    await b.api().auth.apiTokens.revoke({ id: read.apiToken.id });
    await expect(asRead.api().metrics.summary({ filter: {} })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect(await auditActions(user.id)).toEqual(
      expect.arrayContaining(['auth.api_token.created', 'auth.api_token.revoked']),
    );
  });
});

describe('V8.2.1 roles', () => {
  it('refuses admin procedures to users; a disabled user is locked out at once', async () => {
    const admin = await h.createUser();
    await h.db.updateTable('users').set({ role: 'admin' }).where('id', '=', admin.id).execute();
    const member = await h.createUser();
    const adminBrowser = browser();
    await adminBrowser.login(admin.email, TEST_PASSWORD);
    const memberBrowser = browser();
    await memberBrowser.login(member.email, TEST_PASSWORD);
    const token = await memberBrowser.api().auth.apiTokens.create({ name: 'cli', scope: 'read' });

    await expect(memberBrowser.api().admin.users.list()).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(memberBrowser.api().admin.users.disable({ id: admin.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect((await adminBrowser.api().admin.users.list()).map((u) => u.id)).toContain(member.id);

    await adminBrowser.api().admin.users.disable({ id: member.id });
    await expect(memberBrowser.api().auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(memberBrowser.refresh()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const tokenBrowser = browser();
    tokenBrowser.setToken(token.token);
    await expect(tokenBrowser.api().metrics.summary({ filter: {} })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    await expect(browser().login(member.email, TEST_PASSWORD)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });

    await adminBrowser.api().admin.users.setRole({ id: member.id, role: 'admin' });
    expect(await auditActions(member.id)).toEqual(
      expect.arrayContaining(['admin.user.disabled', 'admin.user.role_changed']),
    );
  });
});

describe('two-factor sign-in', () => {
  it('asks for the code when enabled, accepts a valid one, and a recovery code once', async () => {
    const user = await h.createUser();
    const b = browser();
    await b.login(user.email, TEST_PASSWORD);
    const enrolment = await b.api().auth.twoFactor.start();
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrolment.qrSvg).toContain('<svg');
    const totp = new TOTP({ secret: enrolment.secret });
    const { recoveryCodes } = await b.api().auth.twoFactor.confirm({ code: totp.generate() });
    expect(recoveryCodes).toHaveLength(10);
    expect((await b.api().auth.twoFactor.status()).enabled).toBe(true);

    await expect(browser().login(user.email, TEST_PASSWORD)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      cause: { reason: 'TWO_FACTOR_REQUIRED' },
    });
    await expect(
      browser().login(user.email, TEST_PASSWORD, { totpCode: '000000' }),
    ).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    // The code used to confirm cannot be replayed; the next time step's code works.
    await expect(
      browser().login(user.email, TEST_PASSWORD, {
        totpCode: totp.generate({ timestamp: Date.now() + 30_000 }),
      }),
    ).resolves.toBeTruthy();
    await expect(
      browser().login(user.email, TEST_PASSWORD, { recoveryCode: recoveryCodes[0]! }),
    ).resolves.toBeTruthy();
    await expect(
      browser().login(user.email, TEST_PASSWORD, { recoveryCode: recoveryCodes[0]! }),
    ).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
    expect(await auditActions(user.id)).toEqual(
      expect.arrayContaining([
        'auth.two_factor.enabled',
        'auth.recovery_code.used',
        'auth.sign_in.succeeded',
        'auth.sign_in.failed',
      ]),
    );

    await b.api().auth.twoFactor.disable({ password: TEST_PASSWORD });
    await expect(browser().login(user.email, TEST_PASSWORD)).resolves.toBeTruthy();
  });
});
