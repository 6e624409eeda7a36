/** The date presets in words, as the filter bar and the page headings name them. */
import type { DatePreset } from '@outlay/contracts';

export const PRESET_LABELS: Record<DatePreset, string> = {
  'this-month': 'This month so far',
  'last-month': 'Last month',
  'last-30-days': 'Last 30 days',
  'last-3-months': 'Last 3 months',
  'last-12-months': 'Last 12 months',
  'year-to-date': 'Year to date',
  'all-time': 'All time',
};
