import {
  createMetricsCache,
  createRateLimits,
  createTokenService,
  type ApiDeps,
  type AuthSettings,
  type RateLimits,
} from '@outlay/api';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import packageJson from '../package.json' with { type: 'json' };

export interface ApiDepsOptions {
  db: Kysely<Database>;
  signingKeyPem: string;
  issuer?: string;
  audience?: string;
  accessTokenTtlSeconds?: number;
  auth?: Partial<AuthSettings>;
  limits?: RateLimits;
  /** Bytes of metrics answers to keep (DESIGN §7); 0 computes every request. Default 32 MiB. */
  metricsCacheBytes?: number;
  version?: string;
}

/** Everything the API needs, with the production defaults; tests and the bench override parts. */
export function createApiDeps(options: ApiDepsOptions): ApiDeps {
  return {
    db: options.db,
    tokens: createTokenService({
      privateKeyPem: options.signingKeyPem,
      issuer: options.issuer ?? 'outlay',
      audience: options.audience ?? 'outlay',
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 600,
    }),
    version: options.version ?? packageJson.version,
    auth: { sessionIdleSeconds: 1_800, sessionAbsoluteSeconds: 43_200, ...options.auth },
    limits: options.limits ?? createRateLimits(),
    ...(options.metricsCacheBytes === 0
      ? {}
      : { metricsCache: createMetricsCache({ maxBytes: options.metricsCacheBytes }) }),
  };
}
