/**
 * Outlay embedded, asked in-process the way a program in the same process would: `createCaller`
 * on the API's router, with a real access token. Each call validates its input and output with the
 * contracts, authenticates the token and enters the user's row-level-security context in one
 * statement, and runs the service in that transaction: the server's request path without HTTP.
 * The metrics answer cache is left out (no `metricsCache`), so every call computes its answer, as
 * every call of Actual's query layer does.
 *
 * Only what the API package needs, not `@outlay/server`'s `createApiDeps`: the start-up child
 * measures opening the data and answering, not loading an HTTP framework it would not use.
 */
import {
  createCaller,
  createContextInner,
  createRateLimits,
  createTokenService,
  type ApiDeps,
} from '@outlay/api';
import type { Database } from '@outlay/db';
import type { Kysely } from 'kysely';
import { callerAsk, type OutlayAsk } from './ask-outlay.ts';

/** A day: one bench run never outlives its token or its session. */
const DAY_SECONDS = 86_400;

export function outlayDeps(db: Kysely<Database>, signingKeyPem: string): ApiDeps {
  return {
    db,
    // Issuer and audience as the server's defaults, so its process accepts these tokens too.
    tokens: createTokenService({
      privateKeyPem: signingKeyPem,
      issuer: 'outlay',
      audience: 'outlay',
      accessTokenTtlSeconds: DAY_SECONDS,
    }),
    version: 'bench:peer',
    auth: { sessionIdleSeconds: DAY_SECONDS, sessionAbsoluteSeconds: DAY_SECONDS },
    // One user asking thousands of questions: no per-minute limit.
    limits: createRateLimits({ requestsPerMinute: 0 }),
  };
}

export function inProcessOutlay(
  db: Kysely<Database>,
  credentials: { signingKeyPem: string; accessToken: string },
): OutlayAsk {
  const deps = outlayDeps(db, credentials.signingKeyPem);
  return callerAsk(
    createCaller(createContextInner(deps, { accessToken: credentials.accessToken })),
  );
}

/** Signs in through `auth.login` (argon2 and all) and returns the access token. */
export async function signIn(
  db: Kysely<Database>,
  signingKeyPem: string,
  login: { email: string; password: string },
): Promise<string> {
  const caller = createCaller(createContextInner(outlayDeps(db, signingKeyPem)));
  return (await caller.auth.login(login)).accessToken;
}
