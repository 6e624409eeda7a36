/**
 * A progress bar on stderr. On a terminal it redraws one line; through a pipe (turbo, CI logs) it
 * prints a line per update, at most one per 10%, so logs stay readable.
 */
export interface ProgressBar {
  update(done: number): void;
  finish(message: string): void;
}

const WIDTH = 30;

export function progressBar(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressBar {
  const started = performance.now();
  const interactive = stream.isTTY;
  let lastDecile = -1;
  const line = (done: number) => {
    const fraction = total === 0 ? 1 : Math.min(done / total, 1);
    const filled = Math.round(fraction * WIDTH);
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    return (
      `${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% ` +
      `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} · ${seconds.toFixed(1)} s · ${rate.toLocaleString('en-US')}/s`
    );
  };
  return {
    update(done) {
      if (interactive) {
        stream.write(`\r${line(done)}`);
        return;
      }
      const decile = Math.floor((total === 0 ? 1 : done / total) * 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        stream.write(`${line(done)}\n`);
      }
    },
    finish(message) {
      stream.write(interactive ? `\r\x1b[2K${message}\n` : `${message}\n`);
    },
  };
}
