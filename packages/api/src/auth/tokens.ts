import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
} from 'node:crypto';
import {
  errors as joseErrors,
  exportJWK,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTHeaderParameters,
} from 'jose';
import { LRUCache } from 'lru-cache';

/**
 * Access tokens: short-lived JWTs, EdDSA (Ed25519) with a key id, verified against an algorithm
 * allowlist and exact `iss`, `aud` and `typ` (RFC 8725). Verification needs only the public key,
 * so any number of stateless server instances can check tokens locally.
 */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
const ALGORITHM = 'EdDSA';
/** Verified tokens remembered (about 0.5 KB each): the signed-in sessions of a busy instance. */
const VERIFIED_TOKENS_KEPT = 10_000;
/** Ids in our tokens are UUIDs; anything else is refused before it reaches a query. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AccessTokenClaims {
  userId: string;
  sessionId: string;
}

export interface TokenService {
  issueAccessToken(claims: AccessTokenClaims): Promise<{ token: string; expiresAt: Date }>;
  /** Returns the claims, or null for any token that is not one of ours and currently valid. */
  verifyAccessToken(token: string): Promise<AccessTokenClaims | null>;
  /** The public keys, as served at `/.well-known/jwks.json` for other apps to verify tokens. */
  jwks(): Promise<{ keys: JWK[] }>;
  /**
   * The refresh token that replaces `presented` when it is rotated: a keyed hash of it, so the
   * same token always rotates to the same successor. Two tabs refreshing with one token at once
   * can then both be given the one successor (services/auth/sessions.ts), and nobody without the
   * signing key can compute it.
   */
  nextRefreshToken(presented: string): string;
  readonly keyId: string;
  readonly publicKey: KeyObject;
}

export interface TokenServiceOptions {
  /** PKCS#8 PEM of an Ed25519 private key. */
  privateKeyPem: string;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  now?: () => Date;
}

export function generateSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

export function createTokenService(options: TokenServiceOptions): TokenService {
  const privateKey = createPrivateKey(options.privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error('The token signing key must be an Ed25519 private key (PKCS#8 PEM)');
  }
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const keyId = createHash('sha256').update(der).digest('base64url').slice(0, 16);
  const now = options.now ?? (() => new Date());
  const rotationKey = hkdfSync(
    'sha256',
    privateKey.export({ type: 'pkcs8', format: 'der' }),
    new Uint8Array(0),
    'outlay refresh-token rotation',
    32,
  );
  const verified = new LRUCache<string, { claims: AccessTokenClaims; expiresAtMs: number }>({
    max: VERIFIED_TOKENS_KEPT,
  });

  function keyFor(header: JWTHeaderParameters): KeyObject {
    if (header.kid !== keyId) throw new joseErrors.JWKSNoMatchingKey();
    return publicKey;
  }

  return {
    keyId,
    publicKey,
    async jwks() {
      return {
        keys: [{ ...(await exportJWK(publicKey)), kid: keyId, alg: ALGORITHM, use: 'sig' }],
      };
    },
    nextRefreshToken(presented) {
      return createHmac('sha256', Buffer.from(rotationKey)).update(presented).digest('base64url');
    },
    async issueAccessToken({ userId, sessionId }) {
      const issuedAt = Math.floor(now().getTime() / 1000);
      const expiresAt = issuedAt + options.accessTokenTtlSeconds;
      const token = await new SignJWT({ sid: sessionId })
        .setProtectedHeader({ alg: ALGORITHM, kid: keyId, typ: ACCESS_TOKEN_TYPE })
        .setIssuer(options.issuer)
        .setAudience(options.audience)
        .setSubject(userId)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .sign(privateKey);
      return { token, expiresAt: new Date(expiresAt * 1000) };
    },
    async verifyAccessToken(token) {
      // A token that verified once verifies again until it expires: signature checks are a
      // fixed CPU cost on every request, so each token is checked once. Only tokens that passed
      // every check are remembered, so no input can plant an entry.
      const known = verified.get(token);
      if (known) return known.expiresAtMs > now().getTime() ? known.claims : null;
      try {
        const { payload } = await jwtVerify(token, keyFor, {
          algorithms: [ALGORITHM],
          issuer: options.issuer,
          audience: options.audience,
          typ: ACCESS_TOKEN_TYPE,
          requiredClaims: ['sub', 'sid', 'exp', 'iat'],
          // However far away `exp` is, a token older than an access token may live is refused.
          maxTokenAge: options.accessTokenTtlSeconds,
          currentDate: now(),
        });
        const { sub, sid } = payload;
        if (typeof sub !== 'string' || typeof sid !== 'string') return null;
        if (!UUID.test(sub) || !UUID.test(sid)) return null;
        const claims = { userId: sub, sessionId: sid };
        const expiresAtMs =
          Math.min(payload.exp!, payload.iat! + options.accessTokenTtlSeconds) * 1000;
        verified.set(token, { claims, expiresAtMs });
        return claims;
      } catch (error) {
        if (error instanceof joseErrors.JOSEError) return null;
        throw error;
      }
    },
  };
}
