/**
 * `pnpm --filter @outlay/db migrate [url]`: brings a database up to date.
 * The URL comes from argv, then DATABASE_URL, then the default embedded database in
 * `<repo>/.outlay/data` (where the server keeps it too).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb } from '../create-db.ts';
import { migrateToLatest } from '../migrate.ts';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const url =
  process.argv[2] || process.env.DATABASE_URL || `pglite:${join(repoRoot, '.outlay', 'data')}`;

/** Never print a password that came in through the URL. */
function redact(value: string): string {
  return value.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

async function main(): Promise<void> {
  const outlay = await createDb({ url });
  try {
    const applied = await migrateToLatest(outlay.db);
    console.log(
      applied.length > 0
        ? `Applied to ${redact(url)}:\n${applied.map((name) => `  ${name}`).join('\n')}`
        : `${redact(url)} is already up to date.`,
    );
  } finally {
    await outlay.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
