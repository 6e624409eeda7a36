import { defineCommand } from '../command.ts';
import { forgetLogin, readLogin } from '../config.ts';

export const logoutCommand = defineCommand({
  name: 'logout',
  summary: 'Forget the stored token',
  description:
    'Remove the stored login from this computer. The token itself stays valid until you revoke\n' +
    'it in the API tokens section of your Outlay settings.',
  options: {},
  async run({ configFile }) {
    const stored = await readLogin(configFile).catch(() => null);
    const removed = await forgetLogin(configFile);
    const settings = stored ? `${stored.url}/settings#api-tokens` : 'your Outlay settings';
    return {
      json: { loggedOut: removed, configFile },
      text: removed
        ? `Signed out: removed ${configFile}.\nThe token stays valid until you revoke it at ${settings}.`
        : 'Not signed in: nothing to remove.',
    };
  },
});
