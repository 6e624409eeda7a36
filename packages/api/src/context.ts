import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import type { TokenService } from './auth/tokens.ts';
import type { RateLimits } from './rate-limit/rate-limits.ts';
import type { MetricsCache } from './services/metrics/metrics-cache.ts';

/** The refresh token's cookie: `__Host-` pins it to this origin, path `/`, Secure. */
export const REFRESH_COOKIE = '__Host-outlay_refresh';

/** Cookies of the current request and response; the host decides the attributes. */
export interface CookieJar {
  get(name: string): string | undefined;
  set(name: string, value: string, maxAgeSeconds: number): void;
  clear(name: string): void;
}

export interface AuthSettings {
  /** A session not refreshed for this long ends. */
  sessionIdleSeconds: number;
  /** A session ends this long after sign-in, however active. */
  sessionAbsoluteSeconds: number;
}

/** What the API needs from its host, created once at start-up. */
export interface ApiDeps {
  db: Kysely<Database>;
  tokens: TokenService;
  version: string;
  auth: AuthSettings;
  limits: RateLimits;
  /** Remembers metrics answers per user and data version; without one, every request computes. */
  metricsCache?: MetricsCache;
  now?: () => Date;
}

/** Per-request values, taken from plain values so tests and scripts need no HTTP request. */
export interface RequestInfo {
  /** The bearer credential, without the `Bearer ` prefix, if the request carried one. */
  accessToken: string | null;
  ip: string;
  userAgent: string | null;
  cookies: CookieJar;
}

export type Context = ApiDeps &
  RequestInfo & {
    /**
     * This request's count against each rate-limit key, by key. A context is one HTTP request,
     * batched or not, so the procedures of a batch share one count (and one refusal).
     */
    counted: Map<string, Promise<void>>;
  };

export function createContextInner(deps: ApiDeps, request: Partial<RequestInfo> = {}): Context {
  return {
    ...deps,
    accessToken: request.accessToken ?? null,
    ip: request.ip ?? 'local',
    userAgent: request.userAgent ?? null,
    cookies: request.cookies ?? memoryCookieJar(),
    counted: new Map(),
  };
}

/** Where a request came from, as services record it on sessions and in the audit log. */
export interface RequestOrigin {
  ip: string;
  userAgent: string | null;
}

export function requestOrigin(ctx: RequestInfo): RequestOrigin {
  return { ip: ctx.ip, userAgent: ctx.userAgent };
}

/** A cookie jar for tests and scripts: what the server set is what the next call sends. */
export function memoryCookieJar(): CookieJar & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: (name) => values.get(name),
    set: (name, value) => void values.set(name, value),
    clear: (name) => void values.delete(name),
  };
}

export function clock(ctx: { now?: () => Date }): Date {
  return ctx.now?.() ?? new Date();
}

/** Extracts the token from an `Authorization: Bearer …` header value. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}
