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

/**
 * The proxies in front of the server whose `X-Forwarded-*` headers are believed: none (`false`,
 * the default), or a comma-separated list of their addresses or CIDR ranges, or proxy-addr's
 * names `loopback`, `linklocal`, `uniquelocal` (`loopback` for a proxy on the same machine).
 * The client's address is then the last one in the header that is not a trusted proxy, so an
 * `X-Forwarded-For` a client writes itself is ignored.
 *
 * `true` (believe every hop) is refused: any client could claim any address and void every
 * per-address limit. So is a hop count: it cannot tell the proxy from a client that reaches the
 * server directly, and Fastify 5 treats it as trusting nothing.
 */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const ProxyAddress = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]);
const TrustProxy = z
  .string()
  .trim()
  .transform((value, ctx): false | string[] => {
    if (value === '' || value === 'false') return false;
    if (value === 'true' || /^\d+$/.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message:
          'name the proxies by address (10.0.0.5, 10.0.0.0/8, or loopback for one on this machine); "true" or a hop count would let clients choose their own address',
      });
      return z.NEVER;
    }
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const bad = entries.find(
      (entry) => !PROXY_NAMES.has(entry) && !ProxyAddress.safeParse(entry).success,
    );
    if (bad !== undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `"${bad}" is not an IP address, a CIDR range, loopback, linklocal or uniquelocal`,
      });
      return z.NEVER;
    }
    return entries;
  });

const EnvSchema = z.object({
  /** `production` (set in the container image) keeps the demo accounts out unless asked for. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Loopback by default: the embedded setup serves one person on one machine. */
  HOST: z.string().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `text`: one readable line per event and request; `json`: pino's JSON lines, for collectors. */
  LOG_FORMAT: z.enum(['text', 'json']).default('text'),
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
  /** Requests per minute per signed-in user, and per IP when not signed in (a batch is one); 0 = no limit. */
  OUTLAY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(100),
  /** Megabytes of metrics answers each instance keeps (DESIGN §7); 0 computes every request. */
  OUTLAY_METRICS_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
  /**
   * Serves Prometheus metrics at `/metrics` to requests with `Authorization: Bearer <token>`;
   * unset, there is no `/metrics`. At least 24 characters: it guards what the server is doing.
   */
  OUTLAY_METRICS_TOKEN: z.string().min(24).optional(),
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
  /** Behind a reverse proxy: which hops' X-Forwarded-* headers to believe (see TrustProxy). */
  OUTLAY_TRUST_PROXY: TrustProxy.default(false),
  /**
   * Seed the three demo profiles (known password) into a database with no users. Unset: only
   * for the embedded database outside production (see demoSeeding).
   */
  OUTLAY_SEED_DEMO: flag.optional(),
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

/**
 * Whether to create the demo accounts, and why, in words for the start-up banner. They have a
 * published password, so by default they exist only where one person tries Outlay on their own
 * machine: `pnpm start` on the embedded database. A PostgreSQL database or NODE_ENV=production
 * (which the Docker image sets) means a deployment, where they are created only when asked for.
 * Being inside some container is no sign of a deployment: developers' machines and CI are
 * containers too, and the quick start must come up with its demo data there.
 */
export function demoSeeding(env: Env): { seed: boolean; reason: string } {
  if (env.OUTLAY_SEED_DEMO !== undefined) {
    return { seed: env.OUTLAY_SEED_DEMO, reason: `OUTLAY_SEED_DEMO=${env.OUTLAY_SEED_DEMO}` };
  }
  const deployment = !databaseUrl(env).startsWith('pglite:')
    ? 'the database is PostgreSQL'
    : env.NODE_ENV === 'production'
      ? 'NODE_ENV=production'
      : null;
  return deployment
    ? { seed: false, reason: `${deployment}; set OUTLAY_SEED_DEMO=true to create them` }
    : { seed: true, reason: 'the embedded database on this machine' };
}
