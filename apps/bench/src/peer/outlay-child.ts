/**
 * Outlay embedded, from a cold process: open an existing PGlite data directory the way the server
 * does (`createDb`, then `migrateToLatest`, which finds nothing to do), answer the first question
 * in-process, then every other one. Bundled by children.ts and run with plain `node`.
 */
import { createDb, migrateToLatest } from '@outlay/db';
import { askOutlay } from './ask-outlay.ts';
import { childInput, rssMb, say } from './child-protocol.ts';
import { inProcessOutlay } from './outlay-in-process.ts';
import type { Ask } from './questions.ts';

export interface OutlayChildInput {
  url: string;
  signingKeyPem: string;
  accessToken: string;
  accounts: [name: string, id: string][];
  /** The first is the first answer. */
  asks: Ask[];
}

const input = childInput<OutlayChildInput>();
const outlay = await createDb({ url: input.url });
try {
  await migrateToLatest(outlay.db);
  const ask = inProcessOutlay(outlay.db, input);
  const accounts = new Map(input.accounts);
  say({ event: 'first', answer: await askOutlay(ask, accounts, input.asks[0]!) });
  const open = rssMb();
  for (const question of input.asks) await askOutlay(ask, accounts, question);
  say({ event: 'done', rss_open_mb: open, rss_after_mb: rssMb() });
} finally {
  await outlay.close();
}
