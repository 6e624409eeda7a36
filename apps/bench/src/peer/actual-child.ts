/**
 * Actual's engine from a cold process: load its API, open an existing budget (`init` on the data
 * directory, `loadBudget`), answer the first question through ActualQL, then every other one, and
 * close the budget. Bundled by children.ts and run with plain `node`; the API itself is loaded from
 * its installed folder.
 */
import { loadActualApi } from './actual-api.ts';
import { askActual } from './ask-actual.ts';
import { childInput, rssMb, say } from './child-protocol.ts';
import type { Ask } from './questions.ts';

export interface ActualChildInput {
  /** The API's entry file (install-actual.ts). */
  entry: string;
  dataDir: string;
  budgetId: string;
  accounts: [name: string, id: string][];
  asks: Ask[];
}

const input = childInput<ActualChildInput>();
const api = loadActualApi(input.entry);
await api.init({ dataDir: input.dataDir, verbose: false });
try {
  await api.loadBudget(input.budgetId);
  const accounts = new Map(input.accounts);
  say({ event: 'first', answer: await askActual(api, accounts, input.asks[0]!) });
  const open = rssMb();
  for (const question of input.asks) await askActual(api, accounts, question);
  say({ event: 'done', rss_open_mb: open, rss_after_mb: rssMb() });
} finally {
  await api.shutdown();
}
