import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formatLogLine, readableLogStream } from './log-format.ts';

const at = Date.UTC(2026, 11, 5, 9, 4, 5);
const clock = new Date(at).toTimeString().slice(0, 8);

describe('readable logs', () => {
  it('print a request as one line: time, method, path, status, duration', () => {
    const line = JSON.stringify({
      level: 30,
      time: at,
      pid: 1,
      hostname: 'h',
      reqId: 'r',
      request: {
        method: 'GET',
        path: '/trpc/metrics.summary,metrics.overTime',
        status: 200,
        ms: 12.4,
      },
      msg: 'request',
    });
    expect(formatLogLine(line)).toBe(
      `${clock}  GET /trpc/metrics.summary,metrics.overTime 200 12 ms`,
    );
    const failed = JSON.stringify({
      level: 50,
      time: at,
      request: { method: 'POST', path: '/trpc/auth.login', status: 500, ms: 3 },
      msg: 'request',
    });
    expect(formatLogLine(failed)).toBe(`${clock}  POST /trpc/auth.login 500 3 ms  ERROR`);
  });

  it('print other events with their level, message and fields, and an error’s stack', () => {
    expect(
      formatLogLine(
        JSON.stringify({
          level: 40,
          time: at,
          pid: 1,
          msg: 'Redis is away',
          redis: 'ECONNREFUSED',
        }),
      ),
    ).toBe(`${clock}  WARN  Redis is away  redis=ECONNREFUSED`);
    expect(
      formatLogLine(
        JSON.stringify({
          level: 50,
          time: at,
          msg: 'procedure failed',
          path: 'metrics.summary',
          err: { message: 'boom', stack: 'Error: boom\n    at x' },
        }),
      ),
    ).toBe(`${clock}  ERROR procedure failed  path=metrics.summary\nError: boom\n    at x`);
    expect(formatLogLine('not json')).toBe('not json');
  });

  it('turn a stream of JSON lines, however chunked, into lines of text', async () => {
    const out = new PassThrough();
    let written = '';
    out.on('data', (chunk: Buffer) => (written += chunk.toString()));
    const stream = readableLogStream(out);
    const first = JSON.stringify({
      level: 30,
      time: at,
      msg: 'database ready',
      database: 'pglite',
    });
    const second = JSON.stringify({ level: 30, time: at, msg: 'shutting down' });
    const all = `${first}\n${second}\n`;
    stream.write(all.slice(0, 10));
    stream.write(all.slice(10, 60));
    stream.write(all.slice(60));
    await new Promise((resolve) => stream.end(resolve));
    expect(written).toBe(
      `${clock}  INFO  database ready  database=pglite\n${clock}  INFO  shutting down\n`,
    );
  });
});
