/**
 * HTTP latency at a realistic load: the compiled server in a child process (as `pnpm start`
 * runs it) over the bench's database, and `metrics.summary` sent at a fixed offered rate, paced,
 * so a queue shows in the latencies (no coordinated omission). Also the start-up times.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createOutlayClient } from '@outlay/client';
import { runPacedLoad } from '../paced-load.ts';
import { roundTo } from '../percentiles.ts';
import { startServerProcess, type ServerProcess } from '../server-process.ts';
import type { BenchData } from './data.ts';
import { checked, SUMMARY_INPUT } from './load.ts';
import { BENCH_EMAIL, BENCH_PASSWORD, fmt, log, type BenchRun } from './run.ts';

export interface ServerChild {
  child: ServerProcess;
  accessToken: string;
}

/**
 * The server child on the bench's database, signed in as the bench user. PGlite serves one
 * process at a time: the bench's own servers must be closed first (`handOver`).
 */
export async function startServerChild(
  run: BenchRun,
  data: BenchData,
  options: { webDist: string; env?: Record<string, string>; profile?: boolean },
): Promise<ServerChild> {
  const dataDir = await mkdtemp(join(tmpdir(), 'outlay-bench-server-'));
  run.onCleanup(() => rm(dataDir, { recursive: true, force: true }));
  const { cpuProfDir } = run.config;
  const child = await startServerProcess({
    env: {
      DATABASE_URL: await data.bench.handOver(),
      OUTLAY_DATA_DIR: dataDir,
      OUTLAY_WEB_DIST: options.webDist,
      ...options.env,
    },
    ...(options.profile && cpuProfDir
      ? { nodeFlags: ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] }
      : {}),
  });
  run.onCleanup(() => child.stop());
  const session = await createOutlayClient({ url: child.url }).auth.login.mutate({
    email: BENCH_EMAIL,
    password: BENCH_PASSWORD,
  });
  return { child, accessToken: session.accessToken };
}

/** `metrics.summary` at the configured offered rate: a 2 s warm-up, then the measured run. */
export async function rateLatencyPhase(
  run: BenchRun,
  name: string,
  server: ServerChild,
): Promise<void> {
  const { config, measured } = run;
  const paced = (seconds: number) =>
    runPacedLoad({
      url: `${server.child.url}/trpc/metrics.summary?input=${SUMMARY_INPUT}`,
      headers: { authorization: `Bearer ${server.accessToken}` },
      rate: config.rate,
      seconds,
    });
  await paced(2);
  await sleep(1000);
  const rated = checked(name, await paced(config.rateSeconds));
  const { p50_ms, p95_ms, p99_ms } = rated;
  measured.push({
    row: { name, p50_ms, p95_ms, p99_ms, rps: roundTo(rated.rps, 1) },
    samples: rated.ok,
  });
  log(
    `  ${name.padEnd(44)} ${rated.ok} responses = ${rated.rps.toFixed(0)} rps  p50 ${fmt(p50_ms)}  p95 ${fmt(p95_ms)}  p99 ${fmt(p99_ms)} ms`,
  );
}

/** Server start to `/readyz` OK on a fresh PGlite data directory, twice (no DATABASE_URL). */
export async function startupPhase(): Promise<{ first_ms: number; second_ms: number }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'outlay-bench-startup-'));
  try {
    const times: number[] = [];
    for (let i = 0; i < 2; i++) {
      const server = await startServerProcess({ env: { OUTLAY_DATA_DIR: dataDir } });
      times.push(server.readyMs);
      await server.stop();
    }
    const startup = { first_ms: times[0]!, second_ms: times[1]! };
    log(
      `startup: first start ${startup.first_ms} ms, second start ${startup.second_ms} ms (PGlite)`,
    );
    return startup;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
