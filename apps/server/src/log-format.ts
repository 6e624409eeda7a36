/**
 * Logs a person can read: `pnpm start` prints one line per request (method, path, status,
 * duration) and one per event, instead of pino's JSON. Fastify still logs through pino; this is
 * the stream pino writes to, turning each JSON line into text. LOG_FORMAT=json skips it.
 */
import { Writable } from 'node:stream';

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** Fields pino adds to every line, or that the request line already shows. */
const ALWAYS = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'req', 'res']);

export interface RequestLogFields {
  method: string;
  path: string;
  status: number;
  ms: number;
}

/** One pino JSON line as text, e.g. `12:04:05  GET /trpc/metrics.summary 200 12 ms`. */
export function formatLogLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.trimEnd();
  }
  const time = typeof entry.time === 'number' ? new Date(entry.time) : new Date();
  const clock = time.toTimeString().slice(0, 8);
  const level = LEVELS[entry.level as number] ?? 'INFO';
  const request = entry.request as RequestLogFields | undefined;
  if (request) {
    const line = `${clock}  ${request.method} ${request.path} ${request.status} ${Math.round(request.ms)} ms`;
    return level === 'INFO' ? line : `${line}  ${level}`;
  }
  const details = Object.entries(entry)
    .filter(([key]) => !ALWAYS.has(key) && key !== 'err')
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const err = entry.err as { message?: string; stack?: string } | undefined;
  return [
    `${clock}  ${level.padEnd(5)} ${typeof entry.msg === 'string' ? entry.msg : ''}`,
    ...(details.length > 0 ? [`  ${details.join(' ')}`] : []),
    ...(err ? [`\n${err.stack ?? err.message ?? ''}`] : []),
  ].join('');
}

/** A stream for pino's `stream` option that writes `formatLogLine` of each line to `out`. */
export function readableLogStream(out: NodeJS.WritableStream = process.stdout): Writable {
  let pending = '';
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending += chunk.toString('utf8');
      let newline = pending.indexOf('\n');
      while (newline >= 0) {
        const line = pending.slice(0, newline);
        pending = pending.slice(newline + 1);
        if (line.trim()) out.write(`${formatLogLine(line)}\n`);
        newline = pending.indexOf('\n');
      }
      done();
    },
  });
}
