/**
 * `pnpm bench`: generate one user's transactions in a throwaway database, then measure the real
 * server through the real `@outlay/client` (latency, one client, sequential) and under load
 * (autocannon, tRPC against a plain Fastify route), print a table and write
 * `results/latest.json`. Progress goes to stderr, the table to stdout. Each phase is a file in
 * `phases/`; this one runs them in order and cleans up after them.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseConfig, type BenchConfig } from './config.ts';
import { runCommand, type Cleanups } from './entry-point.ts';
import { browserPhase } from './phases/browser.ts';
import { dataPhase } from './phases/data.ts';
import { rateLatencyPhase, startServerChild, startupPhase } from './phases/http-latency.ts';
import { buildImportFile, importsPhase } from './phases/imports.ts';
import { inProcessLatencyPhase, startInProcessServers } from './phases/in-process-latency.ts';
import { soakPhase, throughputPhase } from './phases/load.ts';
import { planningPhase } from './phases/planning.ts';
import { log, seconds, type BenchRun } from './phases/run.ts';
import { writeReportPhase } from './phases/write-report.ts';
import { writesPhase } from './phases/writes.ts';
import { SUMMARY_AT_200_RPS, SUMMARY_AT_200_RPS_UNCACHED } from './targets.ts';
import { measureWebInitialJs } from './web-bundle.ts';

const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
const webDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));

async function run(config: BenchConfig, cleanups: Cleanups): Promise<void> {
  const started = performance.now();
  const bench: BenchRun = { config, measured: [], onCleanup: (step) => cleanups.add(step) };

  // Data, then the servers in this process: one client's latency, then tRPC against Fastify.
  const data = await dataPhase(bench);
  const servers = await startInProcessServers(bench, data);
  await inProcessLatencyPhase(bench, data, servers);
  const writes = await writesPhase(bench, data, servers);
  const trpcVsFastify = await throughputPhase(bench, data, servers);
  const planning = await planningPhase(bench, data, servers);
  // Made while the bench still holds the database; imported later through the server child.
  const importFile = await buildImportFile(data);

  const web = measureWebInitialJs(webDist);
  if ('skipped' in web) log(`web_initial_js_gzip_kb omitted: ${web.skipped}`);
  else log(`web initial JS: ${web.kb} KB gzipped (${web.files.join(', ')})`);

  // The real server in a child process on the same data. PGlite serves one process at a time:
  // from here on the bench's own connection is closed.
  await servers.close();
  const child = await startServerChild(bench, data, { webDist, profile: true });
  log(
    `server child process ${child.child.pid} on ${child.child.url}, ready in ${child.child.readyMs} ms`,
  );
  log(
    `rate: metrics.summary all-time, ${config.rate} requests/s offered, 2 s warm-up + ${config.rateSeconds} s`,
  );
  await rateLatencyPhase(bench, SUMMARY_AT_200_RPS, child);
  await sleep(1000);
  const browser = await browserPhase(bench, child, webDist);
  const soak = await soakPhase(bench, child.child, {
    authorization: `Bearer ${child.accessToken}`,
  });
  await child.child.stop();
  if (config.cpuProfDir) log(`  server CPU profile written to ${config.cpuProfDir}`);

  // The same offered rate with the answer cache off: what each request costs to compute.
  const uncached = await startServerChild(bench, data, {
    webDist,
    env: { OUTLAY_METRICS_CACHE_MB: '0' },
  });
  log(`rate, answer cache off: the same ${config.rate} requests/s against a second server child`);
  await rateLatencyPhase(bench, SUMMARY_AT_200_RPS_UNCACHED, uncached);
  await uncached.child.stop();

  // Export and import against a server as deployed, its memory its own: the last phase on this
  // data, since the imports add and undo 100,000 rows each round.
  const importer = await startServerChild(bench, data, { webDist });
  const imports = await importsPhase(bench, importer, importFile);
  await importer.child.stop();

  const startup = await startupPhase();
  writeReportPhase(
    bench,
    data,
    { trpcVsFastify, soak, startup, web, browser, writes, planning, imports },
    resultsDir,
  );
  log(
    `wrote apps/bench/results/latest.json and ${data.bench.outlay.kind}-${data.rows}.json; bench took ${seconds(started)} s`,
  );
}

await runCommand('bench', (cleanups) =>
  run(parseConfig(process.argv.slice(2), process.env), cleanups),
);
