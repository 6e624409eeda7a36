import { dashboardBatch, presetRange } from '@outlay/contracts';
import { describe, expect, it } from 'vitest';
import { dashboardBatchRequest } from './dashboard-batch.ts';

describe('the soak’s dashboard request', () => {
  it('is the dashboard’s own query set for the default preset, as one batched GET', () => {
    const { path, procedures } = dashboardBatchRequest('2026-12-05');
    const url = new URL(path, 'http://bench');
    const filter = presetRange('last-12-months', '2026-12-05');
    const expected = dashboardBatch({ filter, granularity: 'auto' });
    expect(procedures).toBe(5);
    expect(url.pathname).toBe(`/trpc/${expected.map(([procedure]) => procedure).join(',')}`);
    expect(url.searchParams.get('batch')).toBe('1');
    expect(JSON.parse(url.searchParams.get('input')!)).toEqual(
      Object.fromEntries(expected.map(([, input], index) => [String(index), input])),
    );
    expect(filter).toEqual({ from: '2025-12-01', to: '2026-11-30' });
  });
});
