/**
 * The server process: read configuration, open and migrate the database, seed the demo profiles
 * into an empty database, listen, and shut down gracefully on SIGINT/SIGTERM.
 */
import { createRateLimits, hashPassword } from '@outlay/api';
import { createDb, DEMO_PASSWORD, DEMO_USERS, migrateToLatest, seedDemo } from '@outlay/db';
import closeWithGrace from 'close-with-grace';
import { Redis } from 'ioredis';
import { buildApp } from './app.ts';
import { createApiDeps } from './deps.ts';
import { databaseUrl, parseEnv } from './env.ts';
import { loadSigningKey } from './signing-key.ts';

const env = parseEnv(process.env);
const url = databaseUrl(env);
const outlay = await createDb({
  url,
  onConnectionError: (error) =>
    process.stderr.write(
      `${JSON.stringify({ level: 40, msg: 'database connection lost', err: error.message })}\n`,
    ),
});
const redis = env.REDIS_URL ? new Redis(env.REDIS_URL, { enableOfflineQueue: false }) : undefined;

const migrated = await migrateToLatest(outlay.db);
const signingKey = loadSigningKey(env.OUTLAY_JWT_PRIVATE_KEY, env.OUTLAY_DATA_DIR);
const deps = createApiDeps({
  db: outlay.db,
  signingKeyPem: signingKey.pem,
  issuer: env.OUTLAY_JWT_ISSUER,
  audience: env.OUTLAY_JWT_AUDIENCE,
  accessTokenTtlSeconds: env.OUTLAY_ACCESS_TOKEN_TTL_SECONDS,
  auth: {
    sessionIdleSeconds: env.OUTLAY_SESSION_IDLE_SECONDS,
    sessionAbsoluteSeconds: env.OUTLAY_SESSION_ABSOLUTE_SECONDS,
  },
  limits: createRateLimits({
    requestsPerMinute: env.OUTLAY_RATE_LIMIT_PER_MINUTE,
    ...(redis ? { redis } : {}),
  }),
  metricsCacheBytes: env.OUTLAY_METRICS_CACHE_MB * 1024 * 1024,
});
const app = await buildApp({
  deps,
  webDist: env.OUTLAY_WEB_DIST,
  logger: { level: env.LOG_LEVEL },
  corsOrigins: env.OUTLAY_CORS_ORIGINS,
  trustProxy: env.OUTLAY_TRUST_PROXY,
  maxBatchSize: env.OUTLAY_MAX_BATCH_SIZE,
});

app.log.info(
  {
    database: outlay.kind,
    migrations: migrated,
    signingKey: signingKey.source,
    rateLimitStore: redis ? 'redis' : 'memory',
  },
  'database ready',
);

let seeded = false;
if (env.OUTLAY_SEED_DEMO) {
  const anyUser = await outlay.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (!anyUser) {
    const result = await seedDemo(outlay.db, { passwordHash: await hashPassword(DEMO_PASSWORD) });
    seeded = true;
    app.log.info({ seeded: result }, 'demo profiles seeded');
  }
}

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down');
  await app.close();
  await outlay.close();
  redis?.disconnect();
});

const address = await app.listen({ port: env.PORT, host: env.HOST });
const shownUrl = address.replace('://127.0.0.1', '://localhost');
const logins = DEMO_USERS.map(
  (user) => `    ${user.email.padEnd(24)} ${DEMO_PASSWORD}   (${user.profile} spender)`,
);
process.stdout.write(
  [
    '',
    `  Outlay is running at ${shownUrl}`,
    `  Database: ${outlay.kind === 'pglite' ? `embedded PGlite in ${url.slice('pglite:'.length)}` : 'PostgreSQL'}`,
    ...(env.OUTLAY_SEED_DEMO
      ? [`  Demo logins${seeded ? ' (just created)' : ''}:`, ...logins]
      : []),
    '',
    '',
  ].join('\n'),
);
