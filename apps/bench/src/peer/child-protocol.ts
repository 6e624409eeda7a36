/**
 * How a start-up child and the bench talk: the child gets its input as one JSON argument and writes
 * one JSON line per event to stdout — `first` the moment its first answer is in (the bench times
 * spawn to that line), then `done` with its resident memory after opening and after every
 * question. Kept free of imports, so it adds nothing to either child's start.
 */
import type { Answer } from './answers.ts';

export type ChildEvent =
  { event: 'first'; answer: Answer } | { event: 'done'; rss_open_mb: number; rss_after_mb: number };

export function childInput<T>(): T {
  const text = process.argv[2];
  if (text === undefined) throw new Error('expected the input as one JSON argument');
  return JSON.parse(text) as T;
}

export function say(event: ChildEvent): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

/** This process's resident set, MB (1024²), one decimal. */
export function rssMb(): number {
  return Math.round((process.memoryUsage.rss() / 1024 ** 2) * 10) / 10;
}
