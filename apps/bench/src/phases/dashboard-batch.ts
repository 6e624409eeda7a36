/**
 * The web app's one request for a dashboard view, as the browser sends it: the queries of
 * `dashboardBatch` from @outlay/contracts (the module the dashboard page asks them from) for the
 * default preset, batched into one GET.
 */
import { dashboardBatch, DEFAULT_PRESET, presetRange, todayUtc } from '@outlay/contracts';

export function dashboardBatchRequest(today = todayUtc()): { path: string; procedures: number } {
  const batch = dashboardBatch({
    filter: presetRange(DEFAULT_PRESET, today),
    granularity: 'auto',
  });
  const inputs = Object.fromEntries(batch.map(([, input], index) => [index, input]));
  const path = `/trpc/${batch.map(([procedure]) => procedure).join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
  return { path, procedures: batch.length };
}
