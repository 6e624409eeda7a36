import { sql } from 'kysely';
import { Secret, TOTP, URI } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../errors.ts';
import { createHarness, type Harness, TEST_PASSWORD, type TestUser } from '../../testing.ts';
import {
  confirmTwoFactor,
  disableTwoFactor,
  startTwoFactorEnrolment,
  twoFactorEnabled,
  verifySecondFactor,
} from './two-factor.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
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
  const { secret } = await startTwoFactorEnrolment(h.db, user);
  const { recoveryCodes } = await confirmTwoFactor(h.db, user.id, codeAt(secret, t0), t0);
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
    const enrolment = await startTwoFactorEnrolment(h.db, user);

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
    expect(await twoFactorEnabled(h.db, user.id)).toBe(false);
    // Pending is not enabled: a valid code for the pending secret is no second factor yet.
    expect(
      await verifySecondFactor(h.db, user.id, { totpCode: codeAt(enrolment.secret, t0) }, t0),
    ).toBeNull();
  });

  it('uses the issuer it is given', async () => {
    const user = await h.createUser();
    const { otpauthUri } = await startTwoFactorEnrolment(h.db, user, 'Outlay (staging)');
    expect(URI.parse(otpauthUri).issuer).toBe('Outlay (staging)');
  });

  it('gives every enrolment a fresh secret, and a restarted enrolment replaces the pending one', async () => {
    const user = await h.createUser();
    const first = await startTwoFactorEnrolment(h.db, user);
    const second = await startTwoFactorEnrolment(h.db, user);
    expect(second.secret).not.toBe(first.secret);
    expect((await userRow(user.id)).totp_secret).toBe(second.secret);
    await expectDomainError(
      confirmTwoFactor(h.db, user.id, codeAt(first.secret, t0), t0),
      'BAD_INPUT',
    );
    await confirmTwoFactor(h.db, user.id, codeAt(second.secret, t0), t0);
    expect(await twoFactorEnabled(h.db, user.id)).toBe(true);
  });

  it('confirms with a valid code: enabled, and 10 distinct recovery codes stored only as hashes', async () => {
    const user = await h.createUser();
    const { secret } = await startTwoFactorEnrolment(h.db, user);
    const { recoveryCodes } = await confirmTwoFactor(h.db, user.id, `  ${codeAt(secret, t0)} `, t0);

    expect(await twoFactorEnabled(h.db, user.id)).toBe(true);
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
    const { secret } = await startTwoFactorEnrolment(h.db, user);
    for (const code of [
      wrongCodeAt(secret, t0),
      '',
      'abcdef',
      '1234567',
      codeAt(secret, at(t0, 3)),
    ]) {
      await expectDomainError(
        confirmTwoFactor(h.db, user.id, code, t0),
        'BAD_INPUT',
        /^That code is not valid$/,
      );
    }
    expect(await userRow(user.id)).toEqual({ totp_secret: secret, totp_enabled_at: null });
    expect(await recoveryRows(user.id)).toHaveLength(0);
    expect(await twoFactorEnabled(h.db, user.id)).toBe(false);
  });

  it('refuses to confirm when nothing is pending', async () => {
    const user = await h.createUser();
    await expectDomainError(confirmTwoFactor(h.db, user.id, '123456', t0), 'CONFLICT');

    const enabled = await enabledUser();
    const before = await recoveryRows(enabled.user.id);
    await expectDomainError(
      confirmTwoFactor(h.db, enabled.user.id, codeAt(enabled.secret, at(t0, 1)), at(t0, 1)),
      'CONFLICT',
    );
    expect(await recoveryRows(enabled.user.id)).toEqual(before);
  });

  it('refuses to enrol again while two-factor is enabled, keeping the secret', async () => {
    const { user, secret } = await enabledUser();
    await expectDomainError(startTwoFactorEnrolment(h.db, user), 'CONFLICT');
    const row = await userRow(user.id);
    expect(row.totp_secret).toBe(secret);
    expect(row.totp_enabled_at).toEqual(t0);
  });

  it('refuses to enrol a user that does not exist', async () => {
    await expectDomainError(
      startTwoFactorEnrolment(h.db, {
        id: '00000000-0000-4000-8000-000000000000',
        email: 'nobody@example.com',
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
        await verifySecondFactor(h.db, user.id, { totpCode: codeAt(secret, at(now, steps)) }, now),
      ).toBeNull();
    }
    expect(
      await verifySecondFactor(h.db, user.id, { totpCode: codeAt(secret, at(now, -1)) }, now),
    ).toBe('totp');
    expect(
      await verifySecondFactor(h.db, user.id, { totpCode: codeAt(secret, at(now, 1)) }, now),
    ).toBe('totp');
  });

  it('accepts a code with surrounding spaces, and refuses malformed ones', async () => {
    const { user, secret } = await enabledUser();
    const now = at(t0, 10);
    for (const totpCode of ['', ' ', '12345', '1234567', 'abcdef', wrongCodeAt(secret, now)]) {
      expect(await verifySecondFactor(h.db, user.id, { totpCode }, now)).toBeNull();
    }
    expect(
      await verifySecondFactor(h.db, user.id, { totpCode: ` ${codeAt(secret, now)}\t` }, now),
    ).toBe('totp');
  });

  it('never accepts a code twice, nor a code from an earlier step than one accepted', async () => {
    const { user, secret } = await enabledUser();
    const now = at(t0, 40);
    const code = codeAt(secret, now);
    expect(await verifySecondFactor(h.db, user.id, { totpCode: code }, now)).toBe('totp');
    expect(await verifySecondFactor(h.db, user.id, { totpCode: code }, now)).toBeNull();
    expect(await verifySecondFactor(h.db, user.id, { totpCode: code }, at(now, 1))).toBeNull();
    // Still inside the window, but older than the step just accepted.
    expect(
      await verifySecondFactor(h.db, user.id, { totpCode: codeAt(secret, at(now, -1)) }, now),
    ).toBeNull();
    // The next step's code is new.
    expect(
      await verifySecondFactor(h.db, user.id, { totpCode: codeAt(secret, at(now, 1)) }, at(now, 1)),
    ).toBe('totp');
  });

  it('does not accept the code that confirmed the enrolment', async () => {
    const { user, secret } = await enabledUser();
    expect(
      await verifySecondFactor(h.db, user.id, { totpCode: codeAt(secret, t0) }, t0),
    ).toBeNull();
  });

  it('accepts the same code only once when requests race', async () => {
    const { user, secret } = await enabledUser();
    const now = at(t0, 60);
    const totpCode = codeAt(secret, now);
    // Enough requests to overlap on PostgreSQL's pool; without the row lock two of them pass.
    const results = await Promise.all(
      Array.from({ length: 20 }, () => verifySecondFactor(h.db, user.id, { totpCode }, now)),
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
      reportFirst(await verifySecondFactor(trx, user.id, { totpCode }, now));
      await committed;
    });
    expect(await first).toBe('totp');
    // While the first request's transaction is open, the second must not get past the check.
    const second = verifySecondFactor(h.db, user.id, { totpCode }, now);
    await new Promise((resolve) => setTimeout(resolve, 300));
    commit();
    await transaction;
    expect(await second).toBeNull();
  });

  it('returns null for a user without two-factor, and for no proof at all', async () => {
    const user = await h.createUser();
    expect(await verifySecondFactor(h.db, user.id, { totpCode: '123456' }, t0)).toBeNull();
    const { user: enabled } = await enabledUser();
    expect(await verifySecondFactor(h.db, enabled.id, {}, t0)).toBeNull();
  });
});

describe('verifySecondFactor with a recovery code', () => {
  it('accepts each code once and only once, in any case, with or without the dash', async () => {
    const { user, recoveryCodes } = await enabledUser();
    const [first, second, third] = recoveryCodes as [string, string, string];

    expect(
      await verifySecondFactor(h.db, user.id, { recoveryCode: `  ${first.toUpperCase()} ` }, t0),
    ).toBe('recovery-code');
    for (const again of [first, first.toUpperCase(), first.replace('-', '')]) {
      expect(await verifySecondFactor(h.db, user.id, { recoveryCode: again }, t0)).toBeNull();
    }
    const used = (await recoveryRows(user.id)).filter((row) => row.used_at !== null);
    expect(used).toHaveLength(1);
    expect(used[0]!.used_at).toEqual(t0);

    expect(
      await verifySecondFactor(h.db, user.id, { recoveryCode: second.replace('-', '') }, t0),
    ).toBe('recovery-code');
    expect(
      await verifySecondFactor(
        h.db,
        user.id,
        { recoveryCode: third.replace('-', '').toUpperCase() },
        t0,
      ),
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
      expect(await verifySecondFactor(h.db, user.id, { recoveryCode }, t0)).toBeNull();
    }
    expect((await recoveryRows(user.id)).every((row) => row.used_at === null)).toBe(true);
  });

  it('lets only one of several racing requests use a code', async () => {
    const { user, recoveryCodes } = await enabledUser();
    const recoveryCode = recoveryCodes[4]!;
    const results = await Promise.all(
      Array.from({ length: 20 }, () => verifySecondFactor(h.db, user.id, { recoveryCode }, t0)),
    );
    expect(results.filter((r) => r === 'recovery-code')).toHaveLength(1);
  });

  it('is replaced by a new set when two-factor is enabled again', async () => {
    const { user, recoveryCodes } = await enabledUser();
    await disableTwoFactor(h.db, user.id, TEST_PASSWORD);
    const { secret } = await startTwoFactorEnrolment(h.db, user);
    const later = at(t0, 100);
    const again = await confirmTwoFactor(h.db, user.id, codeAt(secret, later), later);
    expect(again.recoveryCodes.some((code) => recoveryCodes.includes(code))).toBe(false);
    expect(await recoveryRows(user.id)).toHaveLength(10);
    expect(
      await verifySecondFactor(h.db, user.id, { recoveryCode: recoveryCodes[0]! }, later),
    ).toBeNull();
    expect(
      await verifySecondFactor(h.db, user.id, { recoveryCode: again.recoveryCodes[0]! }, later),
    ).toBe('recovery-code');
  });
});

describe('disableTwoFactor', () => {
  it('needs the current password, then clears everything and no second factor works', async () => {
    const { user, secret, recoveryCodes } = await enabledUser();

    await expectDomainError(disableTwoFactor(h.db, user.id, 'not the password'), 'UNAUTHORIZED');
    await expectDomainError(disableTwoFactor(h.db, user.id, ''), 'UNAUTHORIZED');
    expect(await twoFactorEnabled(h.db, user.id)).toBe(true);
    expect(await recoveryRows(user.id)).toHaveLength(10);

    await disableTwoFactor(h.db, user.id, TEST_PASSWORD);
    expect(await twoFactorEnabled(h.db, user.id)).toBe(false);
    expect(await userRow(user.id)).toEqual({ totp_secret: null, totp_enabled_at: null });
    expect(await recoveryRows(user.id)).toHaveLength(0);

    const now = at(t0, 5);
    expect(
      await verifySecondFactor(
        h.db,
        user.id,
        { totpCode: codeAt(secret, now), recoveryCode: recoveryCodes[0]! },
        now,
      ),
    ).toBeNull();
  });

  it('refuses an unknown user as it refuses a wrong password', async () => {
    await expectDomainError(
      disableTwoFactor(h.db, '00000000-0000-4000-8000-000000000000', TEST_PASSWORD),
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
      await verifySecondFactor(h.db, bob.user.id, { totpCode: codeAt(alice.secret, now) }, now),
    ).toBeNull();
    for (const recoveryCode of alice.recoveryCodes) {
      expect(await verifySecondFactor(h.db, bob.user.id, { recoveryCode }, now)).toBeNull();
    }
    expect((await recoveryRows(bob.user.id)).every((row) => row.used_at === null)).toBe(true);
    expect((await recoveryRows(alice.user.id)).every((row) => row.used_at === null)).toBe(true);

    // Alice's codes still work for Alice, and accepting them leaves Bob's replay state alone.
    expect(
      await verifySecondFactor(h.db, alice.user.id, { totpCode: codeAt(alice.secret, now) }, now),
    ).toBe('totp');
    expect(
      await verifySecondFactor(h.db, alice.user.id, { recoveryCode: alice.recoveryCodes[0]! }, now),
    ).toBe('recovery-code');
    expect(
      await verifySecondFactor(h.db, bob.user.id, { totpCode: codeAt(bob.secret, now) }, now),
    ).toBe('totp');

    // Disabling Bob's two-factor leaves Alice's in place.
    await disableTwoFactor(h.db, bob.user.id, TEST_PASSWORD);
    expect(await twoFactorEnabled(h.db, alice.user.id)).toBe(true);
    expect(await recoveryRows(alice.user.id)).toHaveLength(10);
  });
});

describe('under row-level security', () => {
  it('works inside a request transaction that runs as the app role for its user', async () => {
    const user = await h.createUser();
    const other = await enabledUser();
    const now = at(t0, 50);
    const results = await h.db.transaction().execute(async (trx) => {
      await sql`select set_config('app.user_id', ${user.id}, true)`.execute(trx);
      await sql`set local role outlay_app`.execute(trx);
      const { secret } = await startTwoFactorEnrolment(trx, user);
      const { recoveryCodes } = await confirmTwoFactor(trx, user.id, codeAt(secret, now), now);
      const later = at(now, 1);
      return {
        enabled: await twoFactorEnabled(trx, user.id),
        totp: await verifySecondFactor(trx, user.id, { totpCode: codeAt(secret, later) }, later),
        recovery: await verifySecondFactor(trx, user.id, { recoveryCode: recoveryCodes[0]! }, now),
        // Another user's rows are invisible here, so nothing of theirs can be used or changed.
        otherEnabled: await twoFactorEnabled(trx, other.user.id),
        otherRecovery: await verifySecondFactor(
          trx,
          other.user.id,
          { recoveryCode: other.recoveryCodes[0]! },
          now,
        ),
      };
    });
    expect(results).toEqual({
      enabled: true,
      totp: 'totp',
      recovery: 'recovery-code',
      otherEnabled: false,
      otherRecovery: null,
    });
    expect(await twoFactorEnabled(h.db, other.user.id)).toBe(true);
    expect((await recoveryRows(other.user.id)).every((row) => row.used_at === null)).toBe(true);

    await h.db.transaction().execute(async (trx) => {
      await sql`select set_config('app.user_id', ${user.id}, true)`.execute(trx);
      await sql`set local role outlay_app`.execute(trx);
      await disableTwoFactor(trx, user.id, TEST_PASSWORD);
    });
    expect(await twoFactorEnabled(h.db, user.id)).toBe(false);
    expect(await recoveryRows(user.id)).toHaveLength(0);
  });
});
