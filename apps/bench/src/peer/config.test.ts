import { describe, expect, it } from 'vitest';
import { UsageError } from '../config.ts';
import { parsePeerConfig, PEER_USAGE } from './config.ts';

describe('parsePeerConfig', () => {
  it("defaults to the issue's protocol at 100,000 rows", () => {
    expect(parsePeerConfig([], {})).toEqual({
      rows: 100_000,
      rounds: 6,
      calls: 40,
      walkCalls: 2,
      roundBudgetMs: 10_000,
      minCalls: 10,
      warmup: 3,
      starts: 3,
      cpuProfDir: undefined,
      prepare: false,
    });
  });

  it('takes --prepare', () => {
    expect(parsePeerConfig(['--prepare', '--rows', '5000'], {})).toMatchObject({
      prepare: true,
      rows: 5_000,
    });
  });

  it("takes --rows (with or without a wrapper's --) or BENCH_ROWS, the flag first", () => {
    expect(parsePeerConfig(['--rows', '5000'], {}).rows).toBe(5_000);
    expect(parsePeerConfig(['--', '--rows', '20_000'], {}).rows).toBe(20_000);
    expect(parsePeerConfig([], { BENCH_ROWS: '7000' }).rows).toBe(7_000);
    expect(parsePeerConfig(['--rows', '8000'], { BENCH_ROWS: '7000' }).rows).toBe(8_000);
  });

  it('reads the tuning variables', () => {
    const config = parsePeerConfig([], {
      BENCH_PEER_ROUNDS: '2',
      BENCH_PEER_CALLS: '5',
      BENCH_PEER_WALK_CALLS: '1',
      BENCH_PEER_ROUND_SECONDS: '3',
      BENCH_PEER_STARTS: '1',
      BENCH_PEER_CPU_PROF: '/tmp/prof',
    });
    expect(config).toMatchObject({
      rounds: 2,
      calls: 5,
      walkCalls: 1,
      roundBudgetMs: 3_000,
      starts: 1,
      cpuProfDir: '/tmp/prof',
    });
  });

  it('refuses bad input with its own usage, and answers --help with exit code 0', () => {
    const refused = (argv: string[], env: Record<string, string> = {}) => {
      try {
        parsePeerConfig(argv, env);
      } catch (error) {
        return error as UsageError;
      }
      throw new Error('accepted');
    };
    for (const error of [
      refused(['--rows', 'many']),
      refused(['--rows', '-3']),
      refused(['--rows', '999']),
      refused(['--large']),
      refused([], { BENCH_PEER_CALLS: '0' }),
    ]) {
      expect(error).toBeInstanceOf(UsageError);
      expect(error.exitCode).toBe(2);
      expect(error.message).toContain(PEER_USAGE);
    }
    expect(refused(['--help']).exitCode).toBe(0);
  });
});
