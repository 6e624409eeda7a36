import { createServer, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, it } from 'vitest';
import { runPacedLoad } from './paced-load.ts';

let server: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

/** A server that answers one request at a time, each after `serviceMs`, with `status`. */
async function serialServer(serviceMs: number, status = (_n: number) => 200): Promise<string> {
  let queue = Promise.resolve();
  let seen = 0;
  server = createServer((_req, res) => {
    const n = seen++;
    queue = queue.then(async () => {
      await sleep(serviceMs);
      res.writeHead(status(n)).end('{}');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}/`;
}

it('sends rate × seconds requests and counts answers by status', async () => {
  const url = await serialServer(1, (n) => (n % 10 === 9 ? 503 : 200));
  const result = await runPacedLoad({ url, headers: {}, rate: 100, seconds: 0.5 });
  expect(result.requests).toBe(50);
  expect(result.ok).toBe(45);
  expect(result.non2xx).toBe(5);
  expect(result.errors + result.timeouts).toBe(0);
});

it('keeps sending on schedule while answers queue, so their wait is measured', async () => {
  // 50 requests over 0.5 s, answered one at a time in 20 ms each: the server needs ≥ 1 s for
  // them, so the last is answered ≥ 0.5 s after it was due. A sender that waited for each
  // answer (closed loop) would report about 20 ms for every one.
  const url = await serialServer(20);
  const result = await runPacedLoad({ url, headers: {}, rate: 100, seconds: 0.5 });
  expect(result.ok).toBe(50);
  expect(result.p50_ms).toBeGreaterThanOrEqual(20);
  expect(result.p99_ms).toBeGreaterThanOrEqual(450);
});
