import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchRedis } from './redis.ts';
import {
  callProcedure,
  count,
  registerAccount,
  startTestServer,
  type TestServer,
} from './testing.ts';

// Redis holds the shared rate-limit counters. When it goes away the server keeps answering,
// counting in its own memory (rate-limits.ts), says so once in its log, reports it in /readyz,
// and goes back to Redis when it returns. With a real redis-server this test starts and stops.
const REDIS_SERVER = '/usr/bin/redis-server';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
  });
}

function stopRedis(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const until = async (check: () => boolean | Promise<boolean>, what: string) => {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
};

describe.runIf(existsSync(REDIS_SERVER))('rate limits when Redis goes away and comes back', () => {
  let port: number;
  let redisProcess: ChildProcess;
  let redis: Redis;
  let server: TestServer;
  const logged: { level: 'warn' | 'info'; message: string }[] = [];

  beforeAll(async () => {
    port = await freePort();
    redisProcess = await startRedis(port);
    // As main.ts connects: fail fast while Redis is away.
    redis = new Redis({
      host: '127.0.0.1',
      port,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 1_000,
    });
    watchRedis(redis, {
      warn: (_fields: unknown, message: string) => void logged.push({ level: 'warn', message }),
      info: (message: string) => void logged.push({ level: 'info', message }),
    } as never);
    await until(() => redis.status === 'ready', 'Redis');
    server = await startTestServer({
      limits: { redis, keyPrefix: `outage-${randomUUID()}`, requestsPerMinute: 30 },
    });
  });
  afterAll(async () => {
    await server.close();
    redis.disconnect();
    if (redisProcess.exitCode === null) await stopRedis(redisProcess);
  });

  const readyz = async () => (await fetch(`${server.baseUrl}/readyz`)).json();

  it('keeps answering, limits in memory, says so once, and reports it in /readyz', async () => {
    expect(await readyz()).toEqual({ ok: true, database: 'up', redis: 'up' });
    const account = await registerAccount(server.baseUrl);
    const summary = () =>
      callProcedure(server.baseUrl, 'metrics.summary', {
        type: 'query',
        input: { filter: {} },
        headers: { authorization: `Bearer ${account.token}` },
      }).then((r) => r.status);
    expect(await summary()).toBe(200);

    await stopRedis(redisProcess);
    await until(() => redis.status !== 'ready', 'the client to notice');

    // Still answered, and still limited: 30 a minute, counted in this instance's memory.
    const statuses: number[] = [];
    for (let i = 0; i < 35; i += 1) statuses.push(await summary());
    expect(count(statuses, 500)).toBe(0);
    expect(count(statuses, 200)).toBeGreaterThan(0);
    expect(count(statuses, 429)).toBeGreaterThan(0);
    expect(count(statuses, 200) + count(statuses, 429)).toBe(35);

    const response = await fetch(`${server.baseUrl}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, database: 'up', redis: 'down' });
    expect(logged.filter((entry) => entry.level === 'warn')).toEqual([
      {
        level: 'warn',
        message:
          'Redis is unreachable: rate limits now count in this instance’s memory until it is back',
      },
    ]);

    // Back on the same port: the client reconnects and the limits are shared again.
    redisProcess = await startRedis(port);
    await until(() => redis.status === 'ready', 'the client to reconnect');
    expect(await readyz()).toEqual({ ok: true, database: 'up', redis: 'up' });
    expect(logged.at(-1)).toEqual({
      level: 'info',
      message: 'Redis is reachable again: rate limits are shared between instances',
    });
    const other = await registerAccount(server.baseUrl);
    expect(
      (
        await callProcedure(server.baseUrl, 'auth.me', {
          type: 'query',
          headers: { authorization: `Bearer ${other.token}` },
        })
      ).status,
    ).toBe(200);
  }, 120_000);
});
