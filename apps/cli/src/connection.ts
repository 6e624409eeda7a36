/**
 * Where the CLI talks to, and with which token. `OUTLAY_URL` and `OUTLAY_TOKEN` override the
 * stored login, each on its own; the stored token is never sent to a server other than the one
 * it was stored for.
 */
import { createOutlayClient, type OutlayClient } from '@outlay/client';
import { readLogin } from './config.ts';
import type { CliEnv } from './env.ts';
import { CliError, describeFailure, EXIT, type FailureContext } from './errors.ts';
import { flagForInputPath } from './filter-flags.ts';
import { httpFetch } from './http-fetch.ts';

/** Where `OUTLAY_TOKEN` goes when neither `OUTLAY_URL` nor a stored login names a server. */
export const DEFAULT_URL = 'http://localhost:3000';

/** A server call gives up after this long (exit code 5), so a stuck network never hangs a script. */
const CALL_TIMEOUT_MS = 30_000;

export interface Connection {
  url: string;
  /** Runs calls on the client; a failure becomes a `CliError` in words with its exit code. */
  call<T>(run: (client: OutlayClient, options: { signal: AbortSignal }) => Promise<T>): Promise<T>;
}

/** An http(s) URL without a trailing slash, or a usage error naming where it came from. */
export function serverUrl(value: string, source: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new CliError(EXIT.usage, `${source}: "${value}" is not a URL (like ${DEFAULT_URL}).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(EXIT.usage, `${source}: "${value}" is not an http or https URL.`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

export function connectWith(
  url: string,
  token: string,
  tokenSource: FailureContext['tokenSource'],
): Connection {
  // The HTTP status of the last answer: when something other than an Outlay server answers (a
  // proxy's 503 page), the client's error says only that the body was not JSON.
  let lastStatus: number | undefined;
  const client = createOutlayClient({
    url,
    token,
    fetch: async (input, init) => {
      const response = await httpFetch(input, init);
      lastStatus = response.status;
      return response;
    },
  });
  return {
    url,
    async call(run) {
      lastStatus = undefined;
      try {
        return await run(client, { signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
      } catch (error) {
        const context: FailureContext = {
          url,
          tokenSource,
          flagFor: flagForInputPath,
          ...(lastStatus === undefined ? {} : { httpStatus: lastStatus }),
        };
        const { exitCode, message } = describeFailure(error, context);
        throw new CliError(exitCode, message);
      }
    },
  };
}

/** The connection the environment and the stored login describe. */
export async function connect(env: CliEnv, configFile: string): Promise<Connection> {
  const envUrl = env.OUTLAY_URL ? serverUrl(env.OUTLAY_URL, 'OUTLAY_URL') : undefined;
  if (env.OUTLAY_TOKEN) {
    const stored = envUrl ? null : await readLogin(configFile);
    return connectWith(envUrl ?? stored?.url ?? DEFAULT_URL, env.OUTLAY_TOKEN, 'OUTLAY_TOKEN');
  }
  const stored = await readLogin(configFile);
  if (!stored) {
    throw new CliError(
      EXIT.auth,
      'Not signed in. Run `outlay login`, or set OUTLAY_URL and OUTLAY_TOKEN.',
    );
  }
  if (envUrl && envUrl !== stored.url) {
    throw new CliError(
      EXIT.auth,
      `Not signed in to ${envUrl}: the stored login is for ${stored.url}, and its token is ` +
        `not sent anywhere else. Set OUTLAY_TOKEN, or run \`outlay login --url ${envUrl}\`.`,
    );
  }
  return connectWith(stored.url, stored.token, 'login');
}
