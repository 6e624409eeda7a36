import { cpus, totalmem } from 'node:os';
import type { Machine } from './report.ts';

export function describeMachine(): Machine {
  const all = cpus();
  return {
    cpus: all.length,
    model: all[0]?.model.trim() ?? 'unknown',
    memory_gb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
  };
}
