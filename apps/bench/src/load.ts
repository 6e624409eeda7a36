/**
 * Throughput under load: autocannon against a URL on loopback, in a worker thread, bounded in time.
 */
import { Worker } from 'node:worker_threads';
import type { Percentiles } from './percentiles.ts';

export interface LoadRequest {
  url: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  /** Per-request timeout, seconds (60 unless set). */
  timeoutSeconds?: number;
}

export interface LoadResult extends Percentiles {
  requests: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  /** Successful responses per second. */
  rps: number;
}

// On Node 20 a worker does not apply the parent's `--import tsx` hooks to its own entry file, so
// the worker starts as a line of JavaScript that loads the TypeScript file through tsx's API.
const workerFile = new URL('./load-worker.ts', import.meta.url).href;
const bootstrap = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then(({ tsImport }) => tsImport(${JSON.stringify(workerFile)}, ${JSON.stringify(workerFile)}))`;

export function runLoad(request: LoadRequest): Promise<LoadResult> {
  const worker = new Worker(bootstrap, { eval: true, workerData: request });
  const deadlineMs = (request.seconds + 30) * 1000;
  return new Promise<LoadResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`autocannon did not finish within ${deadlineMs / 1000} s`));
    }, deadlineMs);
    worker.once('message', (result: LoadResult) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    worker.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`autocannon worker exited with code ${code} before reporting`));
    });
  });
}
