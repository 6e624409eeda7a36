import { readLogin, writeLogin } from '../config.ts';
import { defineCommand } from '../command.ts';
import { connectWith, DEFAULT_URL, serverUrl } from '../connection.ts';
import { CliError, EXIT, usageError } from '../errors.ts';
import { readSecret } from '../prompt.ts';

export const loginCommand = defineCommand({
  name: 'login',
  summary: 'Sign in with an API token (stored in your config directory)',
  description:
    'Sign in with an API token. Without --token, prints where to create one (the API tokens\n' +
    'section of your Outlay settings) and reads it from the terminal or from stdin. The token is\n' +
    'checked with the server, then stored with the URL in $XDG_CONFIG_HOME/outlay/config.json\n' +
    '(~/.config/outlay/config.json), readable by you only (mode 0600).',
  options: {
    url: {
      type: 'string',
      value: 'URL',
      help: `the Outlay server (default: OUTLAY_URL, the stored one, or ${DEFAULT_URL})`,
    },
    token: { type: 'string', value: 'TOKEN', help: 'the API token (outlay_pat_…)' },
  },
  async run({ values, env, configFile, stdin, stderr }) {
    const stored = await readLogin(configFile).catch(() => null);
    const url = values.url
      ? serverUrl(values.url, '--url')
      : env.OUTLAY_URL
        ? serverUrl(env.OUTLAY_URL, 'OUTLAY_URL')
        : (stored?.url ?? DEFAULT_URL);
    let token = values.token?.trim();
    if (token === undefined) {
      token = await readSecret(
        stdin,
        stderr,
        `Create an API token (read access is enough) in your Outlay settings:\n\n` +
          `    ${url}/settings#api-tokens\n\n` +
          'then paste it here: ',
      );
    }
    if (!token) throw usageError('No token given. Pass --token, or paste one when asked.');

    const connection = connectWith(url, token, 'argument');
    const user = await connection.call((client, options) =>
      client.auth.me.query(undefined, options),
    );
    try {
      await writeLogin(configFile, { url, token });
    } catch (error) {
      throw new CliError(
        EXIT.error,
        `Cannot save the login in ${configFile}: ${(error as Error).message}`,
      );
    }
    return {
      json: { url, user, configFile },
      text: `Signed in to ${url} as ${user.displayName} <${user.email}>.\nThe token is stored in ${configFile}.`,
    };
  },
});
