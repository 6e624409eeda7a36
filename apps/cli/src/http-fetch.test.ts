import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFetch } from './http-fetch.ts';

// A real HTTP server: one route echoes the request, one never answers.
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === '/hang') return;
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      response.writeHead(request.url === '/missing' ? 404 : 200, {
        'content-type': 'application/json',
      });
      response.end(
        JSON.stringify({
          method: request.method,
          auth: request.headers.authorization,
          type: request.headers['content-type'],
          body,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('httpFetch', () => {
  it('sends the method, headers and body, and reads the JSON answer and status', async () => {
    const response = await httpFetch(`${base}/echo`, {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
      body: '{"ü":1}',
    });
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      method: 'POST',
      auth: 'Bearer t',
      type: 'application/json',
      body: '{"ü":1}',
    });

    const missing = await httpFetch(`${base}/missing`);
    expect(missing).toMatchObject({ ok: false, status: 404 });
  });

  it('sends a FormData body as multipart with its boundary, as fetch does', async () => {
    const form = new FormData();
    form.append('file', new Blob(['Date,Amount\n2026-01-05,-4.50\n']), 'bank.csv');
    form.append('accountId', 'abc');
    const response = await httpFetch(`${base}/echo`, { method: 'POST', body: form });
    const { type, body } = (await response.json()) as { type: string; body: string };
    expect(type).toMatch(/^multipart\/form-data; boundary=/);
    // Parsed back with the content type the request carried, as a multipart reader does.
    const parsed = await new Response(body, { headers: { 'content-type': type } }).formData();
    expect(parsed.get('accountId')).toBe('abc');
    const file = parsed.get('file') as File;
    expect(file.name).toBe('bank.csv');
    expect(await file.text()).toBe('Date,Amount\n2026-01-05,-4.50\n');
  });

  it('rejects with an AbortError when the signal fires, as fetch does', async () => {
    await expect(
      httpFetch(`${base}/hang`, { signal: AbortSignal.timeout(50) }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('keeps Node’s error code when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise((resolve) => closed.close(resolve));
    await expect(httpFetch(`http://127.0.0.1:${port}/`)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
