import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import type { TokenService } from './auth/tokens.ts';

/** What the API needs from its host, created once at start-up. */
export interface ApiDeps {
  db: Kysely<Database>;
  tokens: TokenService;
  version: string;
  /** Lifetime of a sign-in session, after which a new login is needed. */
  sessionTtlSeconds: number;
  now?: () => Date;
}

/** Per-request values, taken from plain values so tests and scripts need no HTTP request. */
export interface RequestInfo {
  /** The bearer credential, without the `Bearer ` prefix, if the request carried one. */
  accessToken: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export type Context = ApiDeps & RequestInfo;

export function createContextInner(deps: ApiDeps, request: Partial<RequestInfo> = {}): Context {
  return {
    ...deps,
    accessToken: request.accessToken ?? null,
    ip: request.ip ?? null,
    userAgent: request.userAgent ?? null,
  };
}

/** Extracts the token from an `Authorization: Bearer …` header value. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}
