import { sql } from 'kysely';
import { Secret, TOTP, URI } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import type { RateLimits } from '../../rate-limit/rate-limits.ts';
import { createHarness, type Harness, TEST_PASSWORD, type TestUser } from '../../testing.ts';
import {
  confirmTwoFactor,
  disableTwoFactor,
  startTwoFactorEnrolment,
  twoFactorEnabled,
  verifySecondFactor,
} from './two-factor.ts';

let h: Harness;
/** Who asks, and the limits their attempts count against (generous in the harness). */
let asked: { from: { ip: string; userAgent: null }; limits: RateLimits };
beforeAll(async () => {
  h = await createHarness();
  asked = { from: { ip: '10.0.0.1', userAgent: null }, limits: h.deps.limits };
});
afterAll(() => h.dispose());

const STEP_MS = 30_000;
/** 10 s into a step, so codes generated for `t0 ± n steps` sit well inside their own step. */
const t0 = new Date('2026-03-02T09:00:10Z');
const at = (base: Date, steps: number) => new Date(base.getTime() + steps * STEP_MS);

/** What the user's authenticator app would show at `time`. */
function codeAt(secret: string, time: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: time.getTime() });
}

/** A code that is valid in no step near `time`. */
function wrongCodeAt(secret: string, time: Date): string {
  const valid = new Set([-2, -1, 0, 1, 2].map((n) => codeAt(secret, at(time, n))));
  for (let n = 0; ; n += 1) {
    const candidate = String(n).padStart(6, '0');
    if (!valid.has(candidate)) return candidate;
  }
}

async function enabledUser(): Promise<{ user: TestUser; secret: string; recoveryCodes: string[] }> {
  const user = await h.createUser();
  const { secret } = await startTwoFactorEnrolment(h.db, { user });
  const { recoveryCodes } = await confirmTwoFactor(h.db, {
    user,
    code: codeAt(secret, t0),
    now: t0,
    ...asked,
  });
  return { user, secret, recoveryCodes };
}

function userRow(userId: string) {
  return h.db
    .selectFrom('users')
    .select(['totp_secret', 'totp_enabled_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

function recoveryRows(userId: string) {
  return h.db
    .selectFrom('recovery_codes')
    .select(['code_hash', 'used_at'])
    .where('user_id', '=', userId)
    .execute();
}

async function expectDomainError(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error: unknown = await promise.then(
    () => expect.fail('expected a DomainError'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  expect((error as DomainError).code).toBe(code);
  if (message) expect((error as DomainError).message).toMatch(message);
}

describe('enrolment', () => {
  it('stores a pending 160-bit secret and returns an otpauth URI for it with a QR code', async () => {
    const user = await h.createUser();
    const enrolment = await startTwoFactorEnrolment(h.db, { user });

    expect(Secret.fromBase32(enrolment.secret).bytes).toHaveLength(20);
    const parsed = URI.parse(enrolment.otpauthUri);
    expect(parsed).toBeInstanceOf(TOTP);
    expect(parsed).toMatchObject({
      issuer: 'Outlay',
      label: user.email,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
    expect(parsed.secret.base32).toBe(enrolment.secret);
    expect(enrolment.otpauthUri.startsWith('otpauth://totp/Outlay:')).toBe(true);
    expect(enrolment.qrSvg.trimStart()).toMatch(/^<svg[\s>]/);
    expect(enrolment.qrSvg.trimEnd()).toMatch(/<\/svg>$/);

    expect(await userRow(user.id)).toEqual({
      totp_secret: enrolment.secret,
      totp_enabled_at: null,
    });
    expect(await twoFactorEnabled(h.db, { user })).toBe(false);
    // Pending is not enabled: a valid code for the pending secret is no second factor yet.
    expect(
      await verifySecondFactor(h.db, {
        user,
        totpCode: codeAt(enrolment.secret, t0),
        now: t0,
      }),
    ).toBeNull();
  });

  it('uses the issuer it is given', async () => {
    const user = await h.createUser();
    const { otpauthUri } = await startTwoFactorEnrolment(h.db, {
      user,
      issuer: 'Outlay (staging)',
    });
    expect(URI.parse(otpauthUri).issuer).toBe('Outlay (staging)');
  });

  it('gives every enrolment a fresh secret, and a restarted enrolment replaces the pending one', async () => {
    const user = await h.createUser();
    const first = await startTwoFactorEnrolment(h.db, { user });
    const second = await startTwoFactorEnrolment(h.db, { user });
    expect(second.secret).not.toBe(first.secret);
    expect((await userRow(user.id)).totp_secret).toBe(second.secret);
    await expectDomainError(
      confirmTwoFactor(h.db, { user, code: codeAt(first.secret, t0), now: t0, ...asked }),
      'BAD_INPUT',
    );
    await confirmTwoFactor(h.db, {
      user,
      code: codeAt(second.secret, t0),
      now: t0,
      ...asked,
    });
    expect(await twoFactorEnabled(h.db, { user })).toBe(true);
  });

  it('confirms with a valid code: enabled, and 10 distinct recovery codes stored only as hashes', async () => {
    const user = await h.createUser();
    const { secret } = await startTwoFactorEnrolment(h.db, { user });
    const { recoveryCodes } = await confirmTwoFactor(h.db, {
      user,
      code: `  ${codeAt(secret, t0)} `,
      now: t0,
      ...asked,
    });

    expect(await twoFactorEnabled(h.db, { user })).toBe(true);
    const row = await userRow(user.id);
    expect(row.totp_secret).toBe(secret);
    expect(row.totp_enabled_at).toEqual(t0);

    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes)
      expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}$/);

    const stored = await recoveryRows(user.id);
    expect(stored).toHaveLength(10);
    for (const { code_hash, used_at } of stored) {
      expect(code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(used_at).toBeNull();
      for (const code of recoveryCodes) {
        expect(code_hash).not.toContain(code);
        expect(code_hash).not.toContain(code.replace('-', ''));
      }
    }
  });

  it('refuses a wrong code and changes nothing', async () => {
    const user = await h.createUser();
    const { secret } = await startTwoFactorEnrolment(h.db, { user });
    for (const code of [
      wrongCodeAt(secret, t0),
      '',
      'abcdef',
      '1234567',
      codeAt(secret, at(t0, 3)),
    ]) {
      await expectDomainError(
        confirmTwoFactor(h.db, { user, code, now: t0, ...asked }),
        'BAD_INPUT',
        /^That code is not valid$/,
      );
    }
    expect(await userRow(user.id)).toEqual({ totp_secret: secret, totp_enabled_at: null });
    expect(await recoveryRows(user.id)).toHaveLength(0);
    expect(await twoFactorEnabled(h.db, { user })).toBe(false);
  });

  it('refuses to confirm when nothing is pending', async () => {
    const user = await h.createUser();
    await expectDomainError(
      confirmTwoFactor(h.db, { user, code: '123456', now: t0, ...asked }),
      'CONFLICT',
    );

    const enabled = await enabledUser();
    const before = await recoveryRows(enabled.user.id);
    await expectDomainError(
      confirmTwoFactor(h.db, {
        user: enabled.user,
        code: codeAt(enabled.secret, at(t0, 1)),
        now: at(t0, 1),
        ...asked,
      }),
      'CONFLICT',
    );
    expect(await recoveryRows(enabled.user.id)).toEqual(before);
  });

  it('refuses to enrol again while two-factor is enabled, keeping the secret', async () => {
    const { user, secret } = await enabledUser();
    await expectDomainError(startTwoFactorEnrolment(h.db, { user }), 'CONFLICT');
    const row = await userRow(user.id);
    expect(row.totp_secret).toBe(secret);
    expect(row.totp_enabled_at).toEqual(t0);
  });

  it('refuses to enrol a user that does not exist', async () => {
    await expectDomainError(
      startTwoFactorEnrolment(h.db, {
        user: {
          id: '00000000-0000-4000-8000-000000000000',
          email: 'nobody@example.com',
        },
      }),
      'NOT_FOUND',
    );
  });
});

describe('verifySecondFactor with TOTP', () => {
  it('accepts the code one step either side of now and refuses two or three steps away', async () => {
    const { user, secret } = await enabledUser();
    const now = at(t0, 20);
    // Refusals first: nothing has been accepted yet, so only the window can refuse these.
    for (const steps of [-3, -2, 2, 3]) {
      expect(
        await verifySecondFactor(h.db, {
          user,
          totpCode: codeAt(secret, at(now, steps)),
          now,
        }),
      ).toBeNull();
    }
    expect(
      await verifySecondFactor(h.db, {
        user,
        totpCode: codeAt(secret, at(now, -1)),
        now,
      }),
    ).toBe('totp');
    expect(
      await verifySecondFactor(h.db, {
        user,
        totpCode: codeAt(secret, at(now, 1)),
        now,
      }),
    ).toBe('totp');
  });

  it('accepts a code with surrounding spaces, and refuses malformed ones', async () => {
    const { user, secret } = await enabledUser();
    const now = at(t0, 10);
    for (const totpCode of ['', ' ', '12345', '1234567', 'abcdef', wrongCodeAt(secret, now)]) {
      expect(await verifySecondFactor(h.db, { user, totpCode, now: now })).toBeNull();
    }
    expect(
      await verifySecondFactor(h.db, {
        user,
        totpCode: ` ${codeAt(secret, now)}\t`,
        now,
      }),
    ).toBe('totp');
  });

  it('never accepts a code twice, nor a code from an earlier step than one accepted', async () => {
    const { user, secret } = await enabledUser();
    const now = at(t0, 40);
    const code = codeAt(secret, now);
    expect(await verifySecondFactor(h.db, { user, totpCode: code, now: now })).toBe('totp');
    expect(await verifySecondFactor(h.db, { user, totpCode: code, now: now })).toBeNull();
    expect(await verifySecondFactor(h.db, { user, totpCode: code, now: at(now, 1) })).toBeNull();
    // Still inside the window, but older than the step just accepted.
    expect(
      await verifySecondFactor(h.db, {
        user,
        totpCode: codeAt(secret, at(now, -1)),
        now,
      }),
    ).toBeNull();
    // The next step's code is new.
    expect(
      await verifySecondFactor(h.db, {
        user,
        totpCode: codeAt(secret, at(now, 1)),
        now: at(now, 1),
      }),
    ).toBe('totp');
  });

  it('does not accept the code that confirmed the enrolment', async () => {
    const { user, secret } = await enabledUser();
    expect(
      await verifySecondFactor(h.db, { user, totpCode: codeAt(secret, t0), now: t0 }),
    ).toBeNull();
  });

  it('accepts the same code only once when requests race', async () => {
    const { user, secret } = await enabledUser();
    const now = at(t0, 60);
    const totpCode = codeAt(secret, now);
    // Enough requests to overlap on PostgreSQL's pool; without the row lock two of them pass.
    const results = await Promise.all(
      Array.from({ length: 20 }, () => verifySecondFactor(h.db, { user, totpCode, now: now })),
    );
    expect(results.filter((r) => r === 'totp')).toHaveLength(1);
    expect(results.filter((r) => r === null)).toHaveLength(19);
  });

  it('makes a second request wait for the first to commit, then refuses the code', async () => {
    const { user, secret } = await enabledUser();
    const now = at(t0, 70);
    const totpCode = codeAt(secret, now);
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    let reportFirst!: (result: string | null) => void;
    const first = new Promise<string | null>((resolve) => (reportFirst = resolve));
    const transaction = h.db.transaction().execute(async (trx) => {
      reportFirst(await verifySecondFactor(trx, { user, totpCode, now: now }));
      await committed;
    });
    expect(await first).toBe('totp');
    // While the first request's transaction is open, the second must not get past the check.
    const second = verifySecondFactor(h.db, { user, totpCode, now: now });
    await new Promise((resolve) => setTimeout(resolve, 300));
    commit();
    await transaction;
    expect(await second).toBeNull();
  });

  it('returns null for a user without two-factor, and for no proof at all', async () => {
    const user = await h.createUser();
    expect(await verifySecondFactor(h.db, { user, totpCode: '123456', now: t0 })).toBeNull();
    const { user: enabled } = await enabledUser();
    expect(await verifySecondFactor(h.db, { user: enabled, now: t0 })).toBeNull();
  });
});

describe('verifySecondFactor with a recovery code', () => {
  it('accepts each code once and only once, in any case, with or without the dash', async () => {
    const { user, recoveryCodes } = await enabledUser();
    const [first, second, third] = recoveryCodes as [string, string, string];

    expect(
      await verifySecondFactor(h.db, {
        user,
        recoveryCode: `  ${first.toUpperCase()} `,
        now: t0,
      }),
    ).toBe('recovery-code');
    for (const again of [first, first.toUpperCase(), first.replace('-', '')]) {
      expect(await verifySecondFactor(h.db, { user, recoveryCode: again, now: t0 })).toBeNull();
    }
    const used = (await recoveryRows(user.id)).filter((row) => row.used_at !== null);
    expect(used).toHaveLength(1);
    expect(used[0]!.used_at).toEqual(t0);

    expect(
      await verifySecondFactor(h.db, {
        user,
        recoveryCode: second.replace('-', ''),
        now: t0,
      }),
    ).toBe('recovery-code');
    expect(
      await verifySecondFactor(h.db, {
        user,
        recoveryCode: third.replace('-', '').toUpperCase(),
        now: t0,
      }),
    ).toBe('recovery-code');
    expect((await recoveryRows(user.id)).filter((row) => row.used_at === null)).toHaveLength(7);
  });

  it('refuses made-up and malformed codes', async () => {
    const { user, recoveryCodes } = await enabledUser();
    const first = recoveryCodes[0]!;
    const altered = `${first.slice(0, -1)}${first.endsWith('0') ? '1' : '0'}`;
    for (const recoveryCode of [
      '',
      'aaaaa-aaaaa',
      altered,
      `${first}x`,
      first.slice(1),
      'uuuuu-uuuuu',
    ]) {
      expect(await verifySecondFactor(h.db, { user, recoveryCode, now: t0 })).toBeNull();
    }
    expect((await recoveryRows(user.id)).every((row) => row.used_at === null)).toBe(true);
  });

  it('lets only one of several racing requests use a code', async () => {
    const { user, recoveryCodes } = await enabledUser();
    const recoveryCode = recoveryCodes[4]!;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => verifySecondFactor(h.db, { user, recoveryCode, now: t0 })),
    );
    expect(results.filter((r) => r === 'recovery-code')).toHaveLength(1);
  });

  it('is replaced by a new set when two-factor is enabled again', async () => {
    const { user, recoveryCodes } = await enabledUser();
    await disableTwoFactor(h.db, {
      user,
      password: TEST_PASSWORD,
      code: recoveryCodes[9]!,
      now: t0,
      ...asked,
    });
    const { secret } = await startTwoFactorEnrolment(h.db, { user });
    const later = at(t0, 100);
    const again = await confirmTwoFactor(h.db, {
      user,
      code: codeAt(secret, later),
      now: later,
      ...asked,
    });
    expect(again.recoveryCodes.some((code) => recoveryCodes.includes(code))).toBe(false);
    expect(await recoveryRows(user.id)).toHaveLength(10);
    expect(
      await verifySecondFactor(h.db, { user, recoveryCode: recoveryCodes[0]!, now: later }),
    ).toBeNull();
    expect(
      await verifySecondFactor(h.db, {
        user,
        recoveryCode: again.recoveryCodes[0]!,
        now: later,
      }),
    ).toBe('recovery-code');
  });
});

describe('disableTwoFactor', () => {
  it('needs the current password and a current code, then clears everything and no second factor works', async () => {
    const { user, secret, recoveryCodes } = await enabledUser();
    const now = at(t0, 4);
    const disable = (password: string, code: string) =>
      disableTwoFactor(h.db, { user, password, code, now, ...asked });

    await expectDomainError(disable('not the password', codeAt(secret, now)), 'UNAUTHORIZED');
    await expectDomainError(disable('', codeAt(secret, now)), 'UNAUTHORIZED');
    // The password alone is not enough: a wrong, missing or spent code is refused.
    for (const code of [wrongCodeAt(secret, now), '', 'aaaaa-aaaaa', codeAt(secret, t0)]) {
      await expectDomainError(
        disable(TEST_PASSWORD, code),
        'BAD_INPUT',
        /^That code is not valid$/,
      );
    }
    expect(await twoFactorEnabled(h.db, { user })).toBe(true);
    expect(await recoveryRows(user.id)).toHaveLength(10);

    await disable(TEST_PASSWORD, codeAt(secret, now));
    expect(await twoFactorEnabled(h.db, { user })).toBe(false);
    expect(await userRow(user.id)).toEqual({ totp_secret: null, totp_enabled_at: null });
    expect(await recoveryRows(user.id)).toHaveLength(0);
    expect(await h.auditActions(user.id)).toContain('auth.two_factor.disabled');

    const later = at(t0, 5);
    expect(
      await verifySecondFactor(h.db, {
        user,
        totpCode: codeAt(secret, later),
        recoveryCode: recoveryCodes[0]!,
        now: later,
      }),
    ).toBeNull();
    await expectDomainError(disable(TEST_PASSWORD, codeAt(secret, later)), 'CONFLICT');
  });

  it('takes a recovery code instead of the app’s code, for a lost phone', async () => {
    const { user, recoveryCodes } = await enabledUser();
    await disableTwoFactor(h.db, {
      user,
      password: TEST_PASSWORD,
      code: recoveryCodes[2]!.toUpperCase(),
      now: t0,
      ...asked,
    });
    expect(await twoFactorEnabled(h.db, { user })).toBe(false);
  });

  it('refuses an unknown user as it refuses a wrong password', async () => {
    await expectDomainError(
      disableTwoFactor(h.db, {
        user: { id: '00000000-0000-4000-8000-000000000000', email: 'nobody@example.com' },
        password: TEST_PASSWORD,
        code: '123456',
        now: t0,
        ...asked,
      }),
      'UNAUTHORIZED',
    );
  });
});

describe('isolation between users', () => {
  it("never accepts one user's codes for another, nor burns them", async () => {
    const alice = await enabledUser();
    const bob = await enabledUser();
    const now = at(t0, 30);

    expect(
      await verifySecondFactor(h.db, {
        user: bob.user,
        totpCode: codeAt(alice.secret, now),
        now,
      }),
    ).toBeNull();
    for (const recoveryCode of alice.recoveryCodes) {
      expect(await verifySecondFactor(h.db, { user: bob.user, recoveryCode, now: now })).toBeNull();
    }
    expect((await recoveryRows(bob.user.id)).every((row) => row.used_at === null)).toBe(true);
    expect((await recoveryRows(alice.user.id)).every((row) => row.used_at === null)).toBe(true);

    // Alice's codes still work for Alice, and accepting them leaves Bob's replay state alone.
    expect(
      await verifySecondFactor(h.db, {
        user: alice.user,
        totpCode: codeAt(alice.secret, now),
        now,
      }),
    ).toBe('totp');
    expect(
      await verifySecondFactor(h.db, {
        user: alice.user,
        recoveryCode: alice.recoveryCodes[0]!,
        now,
      }),
    ).toBe('recovery-code');
    expect(
      await verifySecondFactor(h.db, {
        user: bob.user,
        totpCode: codeAt(bob.secret, now),
        now,
      }),
    ).toBe('totp');

    // Disabling Bob's two-factor leaves Alice's in place.
    await disableTwoFactor(h.db, {
      user: bob.user,
      password: TEST_PASSWORD,
      code: bob.recoveryCodes[1]!,
      now,
      ...asked,
    });
    expect(await twoFactorEnabled(h.db, { user: alice.user })).toBe(true);
    expect(await recoveryRows(alice.user.id)).toHaveLength(10);
  });
});

describe('under row-level security', () => {
  it('works inside a request transaction that runs as the app role for its user', async () => {
    const user = await h.createUser();
    const other = await enabledUser();
    const now = at(t0, 50);
    let remaining = '';
    const results = await h.db.transaction().execute(async (trx) => {
      await sql`select set_config('app.user_id', ${user.id}, true)`.execute(trx);
      await sql`set local role outlay_app`.execute(trx);
      const { secret } = await startTwoFactorEnrolment(trx, { user });
      const { recoveryCodes } = await confirmTwoFactor(trx, {
        user,
        code: codeAt(secret, now),
        now,
        ...asked,
      });
      remaining = recoveryCodes[9]!;
      const later = at(now, 1);
      return {
        enabled: await twoFactorEnabled(trx, { user }),
        totp: await verifySecondFactor(trx, {
          user,
          totpCode: codeAt(secret, later),
          now: later,
        }),
        recovery: await verifySecondFactor(trx, {
          user,
          recoveryCode: recoveryCodes[0]!,
          now,
        }),
        // Another user's rows are invisible here, so nothing of theirs can be used or changed.
        otherEnabled: await twoFactorEnabled(trx, { user: other.user }),
        otherRecovery: await verifySecondFactor(trx, {
          user: other.user,
          recoveryCode: other.recoveryCodes[0]!,
          now,
        }),
      };
    });
    expect(results).toEqual({
      enabled: true,
      totp: 'totp',
      recovery: 'recovery-code',
      otherEnabled: false,
      otherRecovery: null,
    });
    expect(await twoFactorEnabled(h.db, { user: other.user })).toBe(true);
    expect((await recoveryRows(other.user.id)).every((row) => row.used_at === null)).toBe(true);

    await h.db.transaction().execute(async (trx) => {
      await sql`select set_config('app.user_id', ${user.id}, true)`.execute(trx);
      await sql`set local role outlay_app`.execute(trx);
      await disableTwoFactor(trx, {
        user,
        password: TEST_PASSWORD,
        code: remaining,
        now,
        ...asked,
      });
    });
    expect(await twoFactorEnabled(h.db, { user })).toBe(false);
    expect(await recoveryRows(user.id)).toHaveLength(0);
  });
});
