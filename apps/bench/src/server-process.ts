/**
 * The real server as `pnpm start` runs it — the compiled bundle, `node apps/server/dist/main.js`
 * (`pnpm build` makes it; turbo builds it before `pnpm bench`) — in a child process on loopback,
 * so its memory is its own and the load generator does not share its event loop. Used for the
 * soak (with memory sampled from /proc) and for the start-up times.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { inheritedEnvironment } from './config.ts';

const serverDir = fileURLToPath(new URL('../../server/', import.meta.url));
const serverMain = fileURLToPath(new URL('../../server/dist/main.js', import.meta.url));
/**
 * The node flags of `start` in apps/server/package.json. Under many concurrent requests V8 let
 * the old generation grow to 4× its live size (about 40 MB live, 175 MB before each full GC), and
 * the young generation to 32 MB: growing the old one by at most 50 % and capping each semi-space at
 * 8 MB keeps the soak's peak resident memory near 160–180 MB instead of ~285 MB. Neither is a hard
 * limit on the heap (docs/performance.md has the measurements).
 */
const START_FLAGS = ['--heap-growing-percent=50', '--max-semi-space-size=8'];

export interface ServerProcess {
  url: string;
  pid: number;
  /** From spawn to the first `/readyz` answering 200, polled every 25 ms. */
  readyMs: number;
  /** VmRSS and VmHWM of the process, MB; `undefined` once it has exited or off Linux. */
  memory(): { rssMb: number; hwmMb: number } | undefined;
  /** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. */
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  /** Environment on top of a minimal one (PATH, HOME); DATABASE_URL is never inherited. */
  env: Record<string, string>;
  /** Give up waiting for `/readyz` after this long. */
  readyTimeoutMs?: number;
  /** Extra node flags, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
}

/** A port free on 127.0.0.1 right now (the child binds it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  if (!existsSync(serverMain)) {
    throw new Error(
      `${serverMain} is missing: the bench measures the compiled server. Run \`pnpm build\` first ` +
        '(`pnpm bench` from the repository root builds it).',
    );
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [...START_FLAGS, ...(options.nodeFlags ?? []), serverMain],
    {
      // Where `pnpm start` runs it (its externals resolve from dist/main.js itself, not from here).
      cwd: serverDir,
      env: {
        ...inheritedEnvironment(),
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        OUTLAY_SEED_DEMO: 'false',
        OUTLAY_RATE_LIMIT_PER_MINUTE: '0',
        ...options.env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exit;
    clearTimeout(killer);
  };

  const deadline = started + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (exited) throw new Error(`the server exited before /readyz answered:\n${stderr}`);
    if (performance.now() > deadline) {
      await stop();
      throw new Error(
        `the server was not ready within ${options.readyTimeoutMs ?? 60_000} ms:\n${stderr}`,
      );
    }
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(25);
  }
  const readyMs = Math.round(performance.now() - started);
  const pid = child.pid!;
  return {
    url,
    pid,
    readyMs,
    memory: () => (exited ? undefined : readMemory(pid)),
    stop,
  };
}

/** VmRSS and VmHWM from /proc/<pid>/status, in MB (1024²). */
export function readMemory(pid: number): { rssMb: number; hwmMb: number } | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  const rss = kb('VmRSS');
  const hwm = kb('VmHWM');
  if (!Number.isFinite(rss) || !Number.isFinite(hwm)) return undefined;
  return { rssMb: Math.round((rss / 1024) * 10) / 10, hwmMb: Math.round((hwm / 1024) * 10) / 10 };
}

/**
 * Samples the process's VmRSS every 250 ms until `stop()`, which reads it once more and returns
 * the highest value seen, MB (0 off Linux), with the last VmHWM.
 */
export function sampleMemory(child: Pick<ServerProcess, 'memory'>): {
  stop(): { peakMb: number; hwmMb: number };
} {
  let peak = 0;
  const read = () => {
    const memory = child.memory();
    if (memory) peak = Math.max(peak, memory.rssMb);
    return memory;
  };
  const sampler = setInterval(read, 250);
  return {
    stop() {
      clearInterval(sampler);
      const memory = read();
      return { peakMb: peak, hwmMb: memory?.hwmMb ?? 0 };
    },
  };
}
