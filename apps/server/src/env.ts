/**
 * The server's configuration, parsed from the environment once at start-up. Nothing else reads
 * process.env. A bad value stops the server with a message naming the variable.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

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
  OUTLAY_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(3_600),
  OUTLAY_SESSION_TTL_SECONDS: z.coerce.number().int().min(60).max(2_592_000).default(43_200),
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
