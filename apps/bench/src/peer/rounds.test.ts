import { describe, expect, it } from 'vitest';
import { alternateRounds, medianOfRounds, roundOrder, timedRound } from './rounds.ts';

/** A clock that only moves when a call says so: durations are whatever the test makes them. */
function fakeClock() {
  let time = 0;
  return { now: () => time, advance: (ms: number) => void (time += ms) };
}

describe('roundOrder', () => {
  it('alternates which system goes first', () => {
    expect([0, 1, 2, 3].map(roundOrder)).toEqual([
      ['outlay', 'actual'],
      ['actual', 'outlay'],
      ['outlay', 'actual'],
      ['actual', 'outlay'],
    ]);
  });
});

describe('alternateRounds', () => {
  it('warms both up, then times each system per round in alternating order', async () => {
    const clock = fakeClock();
    const log: string[] = [];
    const call = (system: string, ms: number) => () => {
      log.push(system);
      clock.advance(ms);
      return Promise.resolve();
    };
    const result = await alternateRounds(
      { outlay: call('o', 2), actual: call('a', 10) },
      {
        rounds: 3,
        calls: { outlay: 2, actual: 1 },
        warmup: 1,
        budgetMs: 1_000,
        minCalls: 1,
        now: clock.now,
      },
    );
    expect(log.join('')).toBe('oa' + 'ooa' + 'aoo' + 'ooa');
    expect(result).toEqual({
      outlay: [2, 2, 2],
      actual: [10, 10, 10],
      calls: { outlay: [2, 2, 2], actual: [1, 1, 1] },
    });
  });
});

describe('timedRound', () => {
  it('reports the nearest-rank p50 of its calls', async () => {
    const clock = fakeClock();
    const durations = [5, 1, 3, 9];
    const result = await timedRound(
      () => {
        clock.advance(durations.shift()!);
        return Promise.resolve();
      },
      { calls: 4, budgetMs: 1_000, minCalls: 1, now: clock.now },
    );
    expect(result).toEqual({ p50: 3, calls: 4 });
  });

  it('stops when its budget is spent, but not before the minimum', async () => {
    const clock = fakeClock();
    const slow = () => {
      clock.advance(400);
      return Promise.resolve();
    };
    expect(
      await timedRound(slow, { calls: 40, budgetMs: 1_000, minCalls: 2, now: clock.now }),
    ).toEqual({ p50: 400, calls: 3 });
    expect(
      await timedRound(slow, { calls: 40, budgetMs: 100, minCalls: 5, now: clock.now }),
    ).toEqual({
      p50: 400,
      calls: 5,
    });
  });
});

describe('medianOfRounds', () => {
  it('is the nearest-rank median: an observed round, not an average', () => {
    expect(medianOfRounds([4, 1, 3, 2, 6, 5])).toBe(3);
    expect(medianOfRounds([7])).toBe(7);
    expect(medianOfRounds([2, 9, 4])).toBe(4);
  });
});
