import { SignJWT } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from './auth/tokens.ts';
import { createContextInner } from './context.ts';
import { createCaller } from './root.ts';
import { createHarness, TEST_PASSWORD, type Harness, type TestUser } from './testing.ts';

let h: Harness;
let user: TestUser;
beforeAll(async () => {
  h = await createHarness();
  user = await h.createUser({ email: 'Mixed.Case@Example.com' });
});
afterAll(() => h.dispose());

const callerWithToken = (token: string | null) =>
  createCaller(createContextInner(h.deps, { accessToken: token }));

/** A live session's id, from a real sign-in's access token. */
async function liveSessionId(): Promise<string> {
  const session = await h
    .anonymousCaller()
    .auth.login({ email: user.email, password: TEST_PASSWORD });
  const claims = JSON.parse(
    Buffer.from(session.accessToken.split('.')[1]!, 'base64url').toString(),
  ) as { sid: string };
  return claims.sid;
}

/** An access token signed with the server's own key, with any claims a forger might choose. */
function signedByServer(claims: {
  sid: string;
  sub?: string;
  iat?: number;
  exp?: number | string;
}): Promise<string> {
  return new SignJWT({ sid: claims.sid })
    .setProtectedHeader({ alg: 'EdDSA', kid: h.deps.tokens.keyId, typ: 'at+jwt' })
    .setIssuer('outlay-test')
    .setAudience('outlay-test')
    .setSubject(claims.sub ?? user.id)
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp ?? '5m')
    .sign(h.signingKey);
}

describe('auth.login', () => {
  it('signs in with the right password, whatever the email case, and the token works', async () => {
    const session = await h
      .anonymousCaller()
      .auth.login({ email: ' mixed.case@example.COM ', password: TEST_PASSWORD });
    expect(session.user).toMatchObject({
      id: user.id,
      email: 'Mixed.Case@Example.com',
      homeCurrency: 'USD',
      role: 'user',
    });
    expect(new Date(session.expiresAt).getTime()).toBeGreaterThan(Date.now());
    const me = await callerWithToken(session.accessToken).auth.me();
    expect(me.id).toBe(user.id);
  });

  it('gives the same error for an unknown email and a wrong password', async () => {
    const api = h.anonymousCaller();
    await expect(
      api.auth.login({ email: 'nobody@example.com', password: TEST_PASSWORD }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Incorrect email or password' });
    await expect(
      api.auth.login({ email: user.email, password: 'wrong password' }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: 'Incorrect email or password' });
  });

  it('refuses a disabled user', async () => {
    const disabled = await h.createUser();
    await h.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('id', '=', disabled.id)
      .execute();
    await expect(
      h.anonymousCaller().auth.login({ email: disabled.email, password: TEST_PASSWORD }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('access tokens', () => {
  it('are refused when missing, expired, tampered, for another audience or signed by another key', async () => {
    const session = await h
      .anonymousCaller()
      .auth.login({ email: user.email, password: TEST_PASSWORD });
    const [header, payload, signature] = session.accessToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-4000-8000-000000000000' })).toString('base64url')}.${signature}`;

    const sessionId = claims.sid as string;
    const pem = generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    const issue = (options: { audience?: string; ttl?: number; now?: Date; pem?: string }) =>
      createTokenService({
        privateKeyPem: options.pem ?? pem,
        issuer: 'outlay-test',
        audience: options.audience ?? 'outlay-test',
        accessTokenTtlSeconds: options.ttl ?? 600,
        now: () => options.now ?? new Date(),
      }).issueAccessToken({ userId: user.id, sessionId });

    // Same key as the server's, but issued two hours ago with a 10-minute lifetime.
    const expiredService = createTokenService({
      privateKeyPem: h.signingKeyPem,
      issuer: 'outlay-test',
      audience: 'outlay-test',
      accessTokenTtlSeconds: 600,
      now: () => new Date(Date.now() - 2 * 3_600_000),
    });
    const expired = (await expiredService.issueAccessToken({ userId: user.id, sessionId })).token;
    const otherKey = (await issue({})).token;
    const noneAlg = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${payload}.`;

    // Algorithm confusion: HS256 keyed with the server's public key bytes, with the right kid.
    const publicKeyBytes = h.deps.tokens.publicKey.export({ type: 'spki', format: 'der' });
    const hmac = await new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256', kid: h.deps.tokens.keyId, typ: 'at+jwt' })
      .setIssuer('outlay-test')
      .setAudience('outlay-test')
      .setSubject(user.id)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new Uint8Array(publicKeyBytes));
    // An unknown key id, otherwise well formed and signed with the server's key.
    const unknownKid = await new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'not-our-key', typ: 'at+jwt' })
      .setIssuer('outlay-test')
      .setAudience('outlay-test')
      .setSubject(user.id)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(h.signingKey);

    for (const token of [null, 'garbage', tampered, expired, otherKey, noneAlg, hmac, unknownKid]) {
      await expect(callerWithToken(token).auth.me()).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
  });

  it('are refused for another audience, issuer or type even when signed with the server key', async () => {
    const session = await h
      .anonymousCaller()
      .auth.login({ email: user.email, password: TEST_PASSWORD });
    const claims = JSON.parse(
      Buffer.from(session.accessToken.split('.')[1]!, 'base64url').toString(),
    ) as {
      sid: string;
    };
    const key = h.signingKey;
    const sign = (overrides: { aud?: string; iss?: string; typ?: string; exp?: number }) =>
      new SignJWT({ sid: claims.sid })
        .setProtectedHeader({
          alg: 'EdDSA',
          kid: h.deps.tokens.keyId,
          typ: overrides.typ ?? 'at+jwt',
        })
        .setIssuer(overrides.iss ?? 'outlay-test')
        .setAudience(overrides.aud ?? 'outlay-test')
        .setSubject(user.id)
        .setIssuedAt()
        .setExpirationTime(overrides.exp ?? Math.floor(Date.now() / 1000) + 600)
        .sign(key);
    // The control: a token built this way with the right claims is accepted.
    expect((await callerWithToken(await sign({})).auth.me()).id).toBe(user.id);
    for (const token of [
      await sign({ aud: 'another-app' }),
      await sign({ iss: 'someone-else' }),
      await sign({ typ: 'JWT' }),
      await sign({ exp: Math.floor(Date.now() / 1000) - 60 }),
    ]) {
      await expect(callerWithToken(token).auth.me()).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
  });

  it('are refused, not a server error, when sub or sid is not a UUID', async () => {
    const sid = await liveSessionId();
    expect((await callerWithToken(await signedByServer({ sid })).auth.me()).id).toBe(user.id);
    for (const claims of [
      { sub: 'not-a-uuid', sid },
      { sub: user.id, sid: "' or 1=1 --" },
      { sub: `${user.id}x`, sid },
      { sub: user.id, sid: '' },
    ]) {
      await expect(callerWithToken(await signedByServer(claims)).auth.me()).rejects.toMatchObject({
        code: 'UNAUTHORIZED',
      });
    }
  });

  it('are refused when older than an access token may live, whatever their exp says', async () => {
    const sid = await liveSessionId();
    const now = Math.floor(Date.now() / 1000);
    expect(
      (
        await callerWithToken(
          await signedByServer({ sid, iat: now - 60, exp: now + 300 }),
        ).auth.me()
      ).id,
    ).toBe(user.id);
    for (const [iat, exp] of [
      [now - 3_600, now + 86_400], // issued an hour ago, "valid" for a day
      [now - 601, now + 600],
      [now + 3_600, now + 4_000], // issued in the future
    ] as const) {
      await expect(
        callerWithToken(await signedByServer({ sid, iat, exp })).auth.me(),
      ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    }
  });

  it('are refused once expired, also after they verified before', async () => {
    let clock = new Date('2026-01-01T00:00:00Z');
    const tokens = createTokenService({
      privateKeyPem: h.signingKeyPem,
      issuer: 'outlay-test',
      audience: 'outlay-test',
      accessTokenTtlSeconds: 60,
      now: () => clock,
    });
    const claims = { userId: user.id, sessionId: '00000000-0000-4000-8000-000000000001' };
    const { token } = await tokens.issueAccessToken(claims);
    expect(await tokens.verifyAccessToken(token)).toEqual(claims);
    clock = new Date('2026-01-01T00:00:59Z');
    expect(await tokens.verifyAccessToken(token)).toEqual(claims);
    clock = new Date('2026-01-01T00:01:00Z');
    expect(await tokens.verifyAccessToken(token)).toBeNull();
    // A token altered after its twin verified is checked afresh, and refused.
    clock = new Date('2026-01-01T00:00:30Z');
    const at = token.length - 10; // inside the signature, clear of base64 padding bits
    const altered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    expect(await tokens.verifyAccessToken(altered)).toBeNull();
  });

  it('stop working when the session is signed out', async () => {
    const session = await h
      .anonymousCaller()
      .auth.login({ email: user.email, password: TEST_PASSWORD });
    const api = callerWithToken(session.accessToken);
    expect((await api.metrics.summary({ filter: {} })).totalSpend).toBe(0);
    await api.auth.logout();
    await expect(api.metrics.summary({ filter: {} })).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});
