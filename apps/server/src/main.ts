/**
 * The server process. In this order, so a second start fails before it touches anything:
 * read configuration; bind the port; take the embedded database's directory for this process
 * (data-dir.ts) and make the data directory private; only then open, migrate and (for a person
 * trying Outlay on their own machine) seed the database; serve; shut down gracefully on
 * SIGINT/SIGTERM.
 */
import { createRateLimits, hashPassword, scheduleDueItemsJob } from '@outlay/api';
import { createDb, DEMO_PASSWORD, DEMO_USERS, migrateToLatest, seedDemo } from '@outlay/db';
import closeWithGrace from 'close-with-grace';
import { Redis } from 'ioredis';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { sql } from 'kysely';
import { createServerMetrics } from './observability.ts';
import { buildApp } from './app.ts';
import { DataDirInUse, lockDataDir, restrictModes, type DataDirLock } from './data-dir.ts';
import { createApiDeps } from './deps.ts';
import { databaseUrl, demoSeeding, parseEnv, type Env } from './env.ts';
import { readableLogStream } from './log-format.ts';
import { watchRedis } from './redis.ts';
import { loadSigningKey } from './signing-key.ts';

// Everything this process creates (database files, the signing key) is its user's alone.
process.umask(0o077);

/** A start-up refusal: said plainly on stderr, no stack trace, exit code 1. */
function refuse(message: string): never {
  process.stderr.write(`\n  Outlay cannot start: ${message}\n\n`);
  process.exit(1);
}

let env: Env;
try {
  env = parseEnv(process.env);
} catch (error) {
  refuse((error as Error).message);
}
const url = databaseUrl(env);
const embeddedDir = url.startsWith('pglite:') ? url.slice('pglite:'.length) : null;

// The port first: a second server started by mistake stops here, before it opens anything.
const server = createServer((_request, response) => {
  // Until the app is ready (migrations can take a while on first start).
  response.writeHead(503, { 'retry-after': '5', 'content-type': 'text/plain' });
  response.end('Outlay is starting\n');
});
await new Promise<void>((resolve) => {
  server.once('error', (error: NodeJS.ErrnoException) =>
    refuse(
      error.code === 'EADDRINUSE'
        ? `port ${env.PORT} on ${env.HOST} is in use (is Outlay already running?). Set PORT to use another.`
        : `cannot listen on ${env.HOST}:${env.PORT}: ${error.message}`,
    ),
  );
  server.listen(env.PORT, env.HOST, resolve);
});

// Then the data directory: private, and the embedded database this process's alone.
let lock: DataDirLock | undefined;
if (embeddedDir && embeddedDir !== 'memory') {
  try {
    lock = lockDataDir(embeddedDir);
  } catch (error) {
    server.close();
    refuse(error instanceof DataDirInUse ? error.message : String(error));
  }
}
const privateDirs = [
  env.OUTLAY_DATA_DIR,
  ...(embeddedDir && embeddedDir !== 'memory' ? [embeddedDir] : []),
];
/** Makes the data directories private again; returns how many modes it had to tighten. */
const tightenModes = () =>
  privateDirs.filter((dir) => existsSync(dir)).reduce((n, dir) => n + restrictModes(dir), 0);
// Before opening: directories made by earlier versions, or with a looser umask.
let tightened = tightenModes();

const logger =
  env.LOG_FORMAT === 'json'
    ? { level: env.LOG_LEVEL }
    : { level: env.LOG_LEVEL, stream: readableLogStream() };

const outlay = await createDb({
  url,
  onConnectionError: (error) =>
    process.stderr.write(
      `${JSON.stringify({ level: 40, msg: 'database connection lost', err: error.message })}\n`,
    ),
});
const redis = env.REDIS_URL
  ? new Redis(env.REDIS_URL, {
      // Fail fast while Redis is away: the rate limits fall back to memory (rate-limits.ts).
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 1_000,
    })
  : undefined;

const migrated = await migrateToLatest(outlay.db);
const signingKey = loadSigningKey(env.OUTLAY_JWT_PRIVATE_KEY, env.OUTLAY_DATA_DIR);
// After opening: PGlite writes a new database's initial files world-readable (0666), whatever
// the umask; the files PostgreSQL creates later are 0600 already.
tightened += tightenModes();
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
const collector = env.OUTLAY_METRICS_TOKEN ? createServerMetrics() : undefined;
const app = await buildApp({
  deps,
  webDist: env.OUTLAY_WEB_DIST,
  logger,
  corsOrigins: env.OUTLAY_CORS_ORIGINS,
  trustProxy: env.OUTLAY_TRUST_PROXY,
  maxBatchSize: env.OUTLAY_MAX_BATCH_SIZE,
  server,
  ...(collector && env.OUTLAY_METRICS_TOKEN
    ? { metrics: { collector, token: env.OUTLAY_METRICS_TOKEN } }
    : {}),
});
if (redis) watchRedis(redis, app.log);

app.log.info(
  {
    database: outlay.kind,
    migrations: migrated,
    signingKey: signingKey.source,
    rateLimitStore: redis ? 'redis' : 'memory',
    ...(tightened > 0 ? { modesTightened: tightened } : {}),
  },
  'database ready',
);

const demo = demoSeeding(env);
let seeded = false;
if (demo.seed) {
  const anyUser = await outlay.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (!anyUser) {
    const result = await seedDemo(outlay.db, { passwordHash: await hashPassword(DEMO_PASSWORD) });
    seeded = true;
    app.log.info(
      {
        users: result.users.length,
        transactions: result.users.reduce((sum, user) => sum + user.transactions, 0),
      },
      'demo profiles seeded',
    );
  }
}
const demoEmails = DEMO_USERS.map((user) => user.email);
const demoAccounts = await outlay.db
  .selectFrom('users')
  .select('email')
  .where(sql<string>`lower(email)`, 'in', demoEmails)
  .where('disabled_at', 'is', null)
  .execute();

// Recurring items' due items move with the calendar: topped up at start and hourly (one instance
// at a time across a cluster: the job takes an advisory lock).
const dueItemsJob = scheduleDueItemsJob(outlay.db, {
  onResult: (result, seconds) => {
    collector?.observeJob(result, seconds);
    if (result.users > 0) app.log.info({ ...result }, 'due items generated');
  },
  onError: (err, seconds) => {
    collector?.observeJob('failed', seconds);
    app.log.error({ err }, 'due-items job failed');
  },
});

closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
  if (err) app.log.error({ err }, 'shutting down after an error');
  else app.log.info({ signal }, 'shutting down');
  await closeServer(server);
  await dueItemsJob.stop();
  await app.close();
  await outlay.close();
  redis?.disconnect();
  lock?.release();
});

await app.ready();
const address = server.address();
const port = typeof address === 'object' && address ? address.port : env.PORT;
const host = env.HOST === '127.0.0.1' || env.HOST === '0.0.0.0' ? 'localhost' : env.HOST;
const logins = DEMO_USERS.map(
  (user) => `    ${user.email.padEnd(24)} ${DEMO_PASSWORD}   (${user.profile} spender)`,
);
process.stdout.write(
  [
    '',
    `  Outlay is running at http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    `  Database: ${embeddedDir ? `embedded PGlite in ${embeddedDir}` : 'PostgreSQL'}`,
    ...(demoAccounts.length > 0
      ? [
          `  Demo logins${seeded ? ' (just created)' : ''}:`,
          ...logins,
          ...(demo.seed
            ? []
            : [
                '  These demo accounts have a published password. Disable or delete them on a server others can reach.',
              ]),
        ]
      : [`  Demo accounts: not created (${demo.reason}).`]),
    '',
    '',
  ].join('\n'),
);

/** Stops accepting connections, lets requests in flight finish, and closes idle keep-alives. */
function closeServer(http: Server): Promise<void> {
  return new Promise((resolve) => {
    http.close(() => resolve());
    http.closeIdleConnections();
  });
}
