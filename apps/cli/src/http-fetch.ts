/**
 * The `fetch` the CLI gives @outlay/client, on `node:http` and `node:https`.
 *
 * Node 20's global `fetch` loads undici on its first call, which measured here at about 40 MB of
 * memory and a large share of a cold `outlay summary` (see README). A CLI run makes one or a few
 * requests, so it takes the built-in HTTP modules instead. It does only what @trpc/client asks of
 * a fetch: a method, headers, a string or `FormData` body (a file upload) and an abort signal in;
 * `ok`, `status` and `json()` out. Failures keep Node's error codes (`ECONNREFUSED`, `ENOTFOUND`…) and an abort rejects with
 * an `AbortError`, as fetch's do.
 */
import type { IncomingMessage, RequestOptions } from 'node:http';

export interface HttpResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}

interface HttpInit {
  method?: string;
  headers?: unknown;
  body?: unknown;
  signal?: AbortSignal | null;
}

function headerRecord(headers: unknown): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers || Array.isArray(headers)) {
    return Object.fromEntries(headers as Iterable<[string, string]>);
  }
  return headers as Record<string, string>;
}

/**
 * The bytes to send. A `FormData` (a file upload) is encoded as multipart by the platform's own
 * `Response`, which also names the boundary in its content type: only an upload pays for loading
 * undici.
 */
async function encodedBody(
  body: unknown,
): Promise<{ body?: string | Buffer; contentType?: string }> {
  if (typeof body === 'string') return { body };
  if (body instanceof FormData) {
    const encoded = new Response(body);
    return {
      body: Buffer.from(await encoded.arrayBuffer()),
      contentType: encoded.headers.get('content-type') ?? undefined,
    };
  }
  return {};
}

const aborted = () => new DOMException('This operation was aborted', 'AbortError');

export async function httpFetch(input: unknown, init: HttpInit = {}): Promise<HttpResponse> {
  const url = new URL(String(input));
  const signal = init.signal ?? undefined;
  if (signal?.aborted) throw aborted();
  const { request } =
    url.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const { body, contentType } = await encodedBody(init.body);
  const options: RequestOptions = {
    method: init.method ?? 'GET',
    headers: {
      ...headerRecord(init.headers),
      ...(contentType === undefined ? {} : { 'content-type': contentType }),
      ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
    },
    // One short conversation: nothing should keep the process alive after the answer.
    agent: false,
  };
  return new Promise((resolve, reject) => {
    const req = request(url, options, (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        signal?.removeEventListener('abort', onAbort);
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        resolve({
          ok: status >= 200 && status < 300,
          status,
          json: () => Promise.resolve().then(() => JSON.parse(text) as unknown),
        });
      });
    });
    const onAbort = () => req.destroy(aborted());
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
    req.end(body);
  });
}
