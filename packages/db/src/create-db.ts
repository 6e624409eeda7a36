import { mkdirSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Dialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

export interface CreateDbOptions {
  /**
   * `postgres://…` or `postgresql://…` → PostgreSQL through a `pg` pool.
   * `pglite:memory` → an in-memory PGlite. `pglite:<dir>` → a file-backed PGlite in `<dir>`.
   */
  url: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /** An initialised PGlite data directory (from `dumpDataDir`) to start from instead of initdb. */
  pgliteSnapshot?: Blob;
  /**
   * Called when an idle pooled connection dies (a server restart, a terminated backend). The pool
   * drops it and opens another when needed; without a listener the error would crash the process.
   */
  onConnectionError?: (error: Error) => void;
}

export interface OutlayDb {
  db: Kysely<Database>;
  kind: DatabaseKind;
  /** Closes the pool or the embedded database. */
  close(): Promise<void>;
  /** The PGlite instance, when the database is embedded (for snapshots). */
  pglite?: PGlite;
}

const INT8 = 20;
const DATE = 1082;

/**
 * `bigint` (money, counts) → JavaScript number, refusing anything a number cannot hold exactly.
 * Both drivers use this one parser, so aggregates have identical types and values on both.
 */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`bigint ${text} is outside the safe integer range`);
  }
  return value;
}

/** `date` stays the `YYYY-MM-DD` text PostgreSQL sends: a calendar date has no time zone. */
const parseDate = (text: string): string => text;

export function databaseKind(url: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgres';
  if (url.startsWith('pglite:')) return 'pglite';
  throw new Error(
    `Unsupported database URL "${url}": expected postgres://… or pglite:<dir|memory>`,
  );
}

export async function createDb(options: CreateDbOptions): Promise<OutlayDb> {
  const kind = databaseKind(options.url);
  if (kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.maxConnections ?? 10,
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (oid === INT8) return parseInt8;
          if (oid === DATE) return parseDate;
          return pg.types.getTypeParser(oid, format) as (text: string) => unknown;
        }) as typeof pg.types.getTypeParser,
      },
    });
    pool.on('error', options.onConnectionError ?? (() => undefined));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind, close: () => db.destroy() };
  }

  const location = options.url.slice('pglite:'.length);
  const dataDir = location === 'memory' || location === '' ? undefined : location;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // Loaded only when embedded: the WASM build costs memory and start-up time a PostgreSQL
  // deployment should not pay.
  const [{ PGlite }, { PGliteDialect }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('kysely-pglite-dialect'),
  ]);
  const pglite = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.pgliteSnapshot ? { loadDataDir: options.pgliteSnapshot } : {}),
    parsers: { [INT8]: parseInt8, [DATE]: parseDate },
    // One process, one person: PGlite does not fsync anyway (DESIGN §2).
    relaxedDurability: true,
  });
  const dialect: Dialect = new PGliteDialect(pglite);
  const db = new Kysely<Database>({ dialect });
  return {
    db,
    kind,
    pglite,
    async close() {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** Resolves when the database answers a trivial query (readiness checks). */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
