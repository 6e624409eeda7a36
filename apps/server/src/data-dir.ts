/**
 * The data directory holds the embedded database (password hashes, TOTP secrets, everything) and
 * the token signing key, so only the server's own user may read it, and only one server process
 * may use the embedded database at a time: PGlite keeps no lock of its own, and two processes
 * writing one directory corrupt it.
 */
import {
  chmodSync,
  closeSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Inside the embedded database's directory, like PostgreSQL's own `postmaster.pid`. */
export const LOCK_FILE = 'outlay-server.pid';

export class DataDirInUse extends Error {
  constructor(
    readonly dir: string,
    readonly owner: { pid: number; host: string },
  ) {
    super(
      owner.host === hostname()
        ? `Another Outlay server (process ${owner.pid}) is using the embedded database in ${dir}. ` +
            'Stop it first, or give this one its own OUTLAY_DATA_DIR.'
        : `An Outlay server on ${owner.host} (process ${owner.pid}) holds the embedded database in ${dir}. ` +
            `If it is no longer running, delete ${join(dir, LOCK_FILE)}.`,
    );
    this.name = 'DataDirInUse';
  }
}

export interface DataDirLock {
  release(): void;
}

/**
 * Takes the directory for this process, or throws DataDirInUse naming the process that has it.
 * The lock is a file created exclusively (O_EXCL) holding our pid and host. A lock left by a
 * process that is gone (a crash, `kill -9`) is taken over, as PostgreSQL does with its pid file.
 */
export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    let fd: number;
    try {
      fd = openSync(path, 'wx', 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(path);
      if (owner && stillRunning(owner)) throw new DataDirInUse(dir, owner);
      rmSync(path, { force: true });
      continue;
    }
    writeSync(fd, `${process.pid}\n${hostname()}\n`);
    closeSync(fd);
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      if (readOwner(path)?.pid === process.pid) rmSync(path, { force: true });
    };
    process.once('exit', release);
    return { release };
  }
  throw new Error(`Could not take the lock ${path}`);
}

function readOwner(path: string): { pid: number; host: string } | null {
  try {
    const [pid, host] = readFileSync(path, 'utf8').split('\n');
    const number = Number(pid);
    return Number.isSafeInteger(number) && number > 0 ? { pid: number, host: host ?? '' } : null;
  } catch {
    return null;
  }
}

function stillRunning(owner: { pid: number; host: string }): boolean {
  // Another machine's process (a shared volume) cannot be checked from here: assume it runs.
  if (owner.host !== hostname()) return true;
  // Our own pid (or our parent's) in an old lock: a container restarted with the same pids.
  if (owner.pid === process.pid || owner.pid === process.ppid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Gives every directory under `root` (itself included) mode 0700 and every file 0600, where
 * group or others had any access: data directories made by earlier versions, or by a process
 * with a looser umask. Symbolic links are left alone. Returns how many modes it tightened.
 */
export function restrictModes(root: string): number {
  let tightened = 0;
  const visit = (path: string) => {
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat || stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      if ((stat.mode & 0o077) !== 0) {
        chmodSync(path, 0o700);
        tightened += 1;
      }
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else if ((stat.mode & 0o077) !== 0) {
      chmodSync(path, 0o600);
      tightened += 1;
    }
  };
  visit(root);
  return tightened;
}
