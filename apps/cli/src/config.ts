/**
 * The stored login: `{ url, token }` in `$XDG_CONFIG_HOME/outlay/config.json` (or
 * `~/.config/outlay/config.json`). The token is a credential, so the directory is created 0700
 * and the file 0600, written to a temporary name first and renamed, so a crash never leaves half
 * a file and no other user can read it at any moment.
 */
import { chmod, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CliError, EXIT } from './errors.ts';

export interface StoredLogin {
  url: string;
  token: string;
}

export function configFile(env: { XDG_CONFIG_HOME?: string; HOME: string }): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME, '.config');
  return join(base, 'outlay', 'config.json');
}

/** The stored login, or null when there is none. */
export async function readLogin(file: string): Promise<StoredLogin | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CliError(EXIT.error, `Cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    const value = JSON.parse(text) as Partial<StoredLogin>;
    if (typeof value.url === 'string' && typeof value.token === 'string') {
      return { url: value.url, token: value.token };
    }
  } catch {
    // Reported below, with what to do about it.
  }
  throw new CliError(
    EXIT.error,
    `${file} is not a login this version understands. Run \`outlay login\` again.`,
  );
}

export async function writeLogin(file: string, login: StoredLogin): Promise<void> {
  const dir = join(file, '..');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // mkdir's mode is ignored for a directory that already exists.
  await chmod(dir, 0o700);
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(login, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}

/** Removes the stored login; whether there was one. */
export async function forgetLogin(file: string): Promise<boolean> {
  try {
    await rm(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new CliError(EXIT.error, `Cannot remove ${file}: ${(error as Error).message}`);
  }
}
