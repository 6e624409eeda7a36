/**
 * The server's configuration, parsed from the environment once at start-up. Nothing else reads
 * process.env. A bad value stops the server with a message naming the variable.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// Three levels up from this module is the repository root both from source (src/env.ts) and from
// the bundle `pnpm start` runs (dist/main.js): src/ and dist/ sit side by side in apps/server.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const flag = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Loopback by default: the embedded setup serves one person on one machine. */
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the embedded database and generated keys live. */
  OUTLAY_DATA_DIR: z.string().min(1).default(`${repoRoot}.outlay`),
  /** `postgres://…` for a PostgreSQL server; unset for the embedded PGlite database. */
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|pglite:)/, 'expected postgres://… or pglite:<dir|memory>')
    .optional(),
  /** PKCS#8 PEM of an Ed25519 key; generated and kept in the data directory when unset. */
  OUTLAY_JWT_PRIVATE_KEY: z.string().includes('PRIVATE KEY').optional(),
  OUTLAY_JWT_ISSUER: z.string().min(1).default('outlay'),
  OUTLAY_JWT_AUDIENCE: z.string().min(1).default('outlay'),
  /** Access tokens are short-lived (RFC 8725, ASVS V7): at most 10 minutes. */
  OUTLAY_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(600).default(600),
  /** A session not refreshed for this long ends. */
  OUTLAY_SESSION_IDLE_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1_800),
  /** A session ends this long after sign-in, however active. */
  OUTLAY_SESSION_ABSOLUTE_SECONDS: z.coerce.number().int().min(300).max(2_592_000).default(43_200),
  /** Shares rate-limit counters between server instances; in memory when unset. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected redis://…')
    .optional(),
  /** Requests per minute per user and per IP (each procedure of a batch counts); 0 = no limit. */
  OUTLAY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(100),
  /** Megabytes of metrics answers each instance keeps (DESIGN §7); 0 computes every request. */
  OUTLAY_METRICS_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
  /** Most procedures in one batched request. */
  OUTLAY_MAX_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(20),
  /** Comma-separated origins allowed to call the API from a browser; none by default. */
  OUTLAY_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url())),
  /** Behind a reverse proxy: take the client IP and protocol from X-Forwarded-* headers. */
  OUTLAY_TRUST_PROXY: flag.default(false),
  /** Seed the three demo profiles when the database has no users. */
  OUTLAY_SEED_DEMO: flag.default(true),
  /** The built web app to serve at `/`. */
  OUTLAY_WEB_DIST: z.string().min(1).default(`${repoRoot}apps/web/dist`),
});

export type Env = z.infer<typeof EnvSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return result.data;
}

export function databaseUrl(env: Env): string {
  return env.DATABASE_URL ?? `pglite:${env.OUTLAY_DATA_DIR}/data`;
}
