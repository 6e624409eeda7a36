/**
 * The shell of a bench command: run it, then its cleanups, and exit with a code that says how it
 * went. Cleanups run in reverse order of registration (processes stop before their directories or
 * databases go) at the end, on failure and on Ctrl-C — once: a Ctrl-C makes in-flight work fail,
 * and the failure path must wait for the same cleanup rather than start a second one and exit
 * before it is done. A `UsageError` prints its usage and exits with its own code.
 */
import { UsageError } from './config.ts';
import { log } from './phases/run.ts';

export { log };

export interface Cleanups {
  add(step: () => Promise<void>): void;
}

export async function runCommand(
  name: string,
  command: (cleanups: Cleanups) => Promise<void>,
): Promise<void> {
  const steps: (() => Promise<void>)[] = [];
  let cleaning: Promise<void> | undefined;
  const cleanUp = () => {
    cleaning ??= (async () => {
      for (const step of steps.reverse()) {
        try {
          await step();
        } catch (error) {
          log(`cleanup failed: ${String(error)}`);
        }
      }
    })();
    return cleaning;
  };
  let interrupted = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      log(`\n${signal}: cleaning up…`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
  try {
    await command({ add: (step) => void steps.push(step) });
    await cleanUp();
  } catch (error) {
    await cleanUp();
    // After a Ctrl-C the signal handler exits; the error is only its echo.
    if (interrupted) await new Promise(() => {});
    if (error instanceof UsageError) {
      log(error.message);
      process.exit(error.exitCode);
    }
    log(
      `${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    process.exit(1);
  }
}
