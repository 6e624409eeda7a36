import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATE_PRESETS, presetRange } from '@outlay/contracts';
import {
  dashboardSearch,
  defaultViewState,
  FOCUS_METRICS,
  GRANULARITIES,
  GROUPINGS,
  granularityFits,
  parseViewSearch,
  SORTS,
  transactionsSearch,
  viewSearch,
  type ViewState,
} from './view-state.ts';

const today = '2025-11-21';
const A = '3b241101-e2bb-4255-8caf-4136c566a962';
const B = '9f1c2a4e-7d3b-4c8e-9a51-2b6f0e4d8c17';

describe('reading a view from the URL', () => {
  it('defaults to the last 12 months and says nothing', () => {
    expect(parseViewSearch('', today)).toEqual({ state: defaultViewState(today), problems: [] });
    expect(defaultViewState(today).filter).toEqual({ from: '2024-11-01', to: '2025-10-31' });
  });

  it('reads every filter field through the contract schema', () => {
    const { state, problems } = parseViewSearch(
      `?from=2025-01-01&to=2025-03-31&categoryIds=${A},${B}&includeUncategorized=true&minAmount=1000&maxAmount=250000&search=%20coffee%20&kind=spend&granularity=week&groupBy=group&sort=amount-asc&focus=totalSpend`,
      today,
    );
    expect(problems).toEqual([]);
    expect(state).toEqual({
      preset: null,
      filter: {
        from: '2025-01-01',
        to: '2025-03-31',
        categoryIds: [A, B],
        includeUncategorized: true,
        minAmount: 1000,
        maxAmount: 250000,
        search: 'coffee',
        kind: 'spend',
      },
      granularity: 'week',
      groupBy: 'group',
      sort: 'amount-asc',
      startAt: null,
      focus: 'totalSpend',
    });
  });

  it('keeps where the list starts with a date sort, and names it when it cannot', () => {
    expect(parseViewSearch('at=2024-03-12', today)).toMatchObject({
      state: { startAt: '2024-03-12', sort: 'date-desc' },
      problems: [],
    });
    expect(parseViewSearch('sort=date-asc&at=2024-03-12', today).state.startAt).toBe('2024-03-12');
    for (const search of [
      'at=2024-02-30',
      'at=0006-07-01',
      'at=soon',
      'sort=amount-asc&at=2024-03-12',
    ]) {
      expect(parseViewSearch(search, today)).toMatchObject({
        state: { startAt: null },
        problems: ['list start date'],
      });
    }
  });

  it('resolves a preset against today', () => {
    const { state } = parseViewSearch('range=this-month', today);
    expect(state.preset).toBe('this-month');
    expect(state.filter).toEqual({ from: '2025-11-01', to: today });
    expect(parseViewSearch('range=all-time', today).state.filter).toEqual({});
  });

  it('drops what the schema rejects, keeps the rest and names what was dropped', () => {
    const bad = parseViewSearch(
      `from=2025-13-45&to=2025-02-01&categoryIds=${A},not-a-uuid&minAmount=-3&search=rent`,
      today,
    );
    expect(bad.problems.sort()).toEqual(['amount', 'categories', 'date range']);
    expect(bad.state.preset).toBe('last-12-months');
    expect(bad.state.filter).toEqual({ from: '2024-11-01', to: '2025-10-31', search: 'rent' });
  });

  it('never throws, whatever the link says', () => {
    const cases = [
      'from=2025-03-10&to=2025-03-01', // reversed
      'minAmount=500&maxAmount=100', // reversed
      'minAmount=1e400',
      'maxAmount=99999999999999999',
      'range=forever',
      'range=this-month&from=2025-01-01',
      'includeUncategorized=maybe',
      'kind=everything',
      `search=${'x'.repeat(300)}`,
      'granularity=hour&sort=random&focus=nothing',
      'groupBy=account',
      'from=2023-02-29',
    ];
    // Harmless oddities are ignored without a word: empty lists, unknown or broken keys.
    const harmless = ['categoryIds=,,,', '%E0%A4%A=1', 'utm_source=mail', 'search=%E0%A4%A'];
    for (const search of [...cases, ...harmless]) {
      const { state, problems } = parseViewSearch(search, today);
      expect({ search, reported: problems.length > 0 }).toEqual({
        search,
        reported: cases.includes(search),
      });
      // Whatever was dropped, what is left is a filter the API accepts and a URL that reads back the same.
      expect(parseViewSearch(viewSearch(state), today)).toEqual({ state, problems: [] });
    }
  });

  it('round-trips every valid view through the URL (property)', () => {
    const uuid = fc.uuid({ version: 4 });
    const date = fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2040-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const amount = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
    const view = fc
      .record({
        preset: fc.option(fc.constantFrom(...DATE_PRESETS), { nil: null }),
        dates: fc.tuple(date, date).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
        openEnd: fc.constantFrom('none', 'from', 'to'),
        categoryIds: fc.option(fc.uniqueArray(uuid, { minLength: 1, maxLength: 5 }), {
          nil: undefined,
        }),
        includeUncategorized: fc.option(fc.boolean(), { nil: undefined }),
        amounts: fc.option(fc.tuple(amount, amount), { nil: undefined }),
        search: fc.option(
          fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ''),
          { nil: undefined },
        ),
        kind: fc.option(fc.constantFrom('spend' as const, 'income' as const), { nil: undefined }),
        granularity: fc.constantFrom(...GRANULARITIES),
        groupBy: fc.constantFrom(...GROUPINGS),
        sort: fc.constantFrom(...SORTS),
        startAt: fc.option(date, { nil: null }),
        focus: fc.option(fc.constantFrom(...FOCUS_METRICS), { nil: null }),
      })
      .map((v): ViewState => {
        const [lo, hi] = v.amounts ? [Math.min(...v.amounts), Math.max(...v.amounts)] : [];
        const dates =
          v.preset !== null
            ? presetRange(v.preset, today)
            : v.openEnd === 'from'
              ? { from: v.dates[0] }
              : v.openEnd === 'to'
                ? { to: v.dates[1] }
                : { from: v.dates[0], to: v.dates[1] };
        return {
          preset: v.preset,
          filter: {
            ...dates,
            ...(v.categoryIds ? { categoryIds: v.categoryIds } : {}),
            ...(v.includeUncategorized !== undefined
              ? { includeUncategorized: v.includeUncategorized }
              : {}),
            ...(lo !== undefined ? { minAmount: lo, maxAmount: hi } : {}),
            ...(v.search !== undefined ? { search: v.search.trim() } : {}),
            ...(v.kind ? { kind: v.kind } : {}),
          },
          granularity: v.granularity,
          groupBy: v.groupBy,
          sort: v.sort,
          startAt: v.sort.startsWith('date-') ? v.startAt : null,
          focus: v.focus,
        };
      })
      // A valid view's chart fits the API's bucket limit (see the test after this one).
      .filter((state) => granularityFits(state.filter, state.granularity));
    fc.assert(
      fc.property(view, (state) => {
        expect(parseViewSearch(viewSearch(state), today)).toEqual({ state, problems: [] });
      }),
      { numRuns: 300 },
    );
  });
});

describe('the chart’s granularity', () => {
  it('falls back to auto, and says so, where the range has too many days or weeks to draw', () => {
    const century = parseViewSearch('from=1900-01-01&to=2100-12-31&granularity=day', today);
    expect(century.state.granularity).toBe('auto');
    expect(century.state.filter).toEqual({ from: '1900-01-01', to: '2100-12-31' });
    expect(century.problems).toEqual(['chart by day, more than 2,500 points']);
    const months = parseViewSearch('from=1900-01-01&to=2100-12-31&granularity=month', today);
    expect([months.state.granularity, months.problems]).toEqual(['month', []]);
    // 2,500 days fit; a day more does not.
    expect(granularityFits({ from: '2020-01-01', to: '2026-11-04' }, 'day')).toBe(true);
    expect(granularityFits({ from: '2020-01-01', to: '2026-11-05' }, 'day')).toBe(false);
    // An open range is only known to the server.
    expect(granularityFits({ from: '1900-01-01' }, 'day')).toBe(true);
  });
});

describe('links between the views', () => {
  it('keeps the filters, dropping what only the transactions view shows', () => {
    const drilled = parseViewSearch(
      `range=last-3-months&categoryIds=${A}&kind=spend&sort=amount-asc&focus=averageTransaction&granularity=week`,
      today,
    ).state;
    expect(dashboardSearch(drilled)).toBe(`?range=last-3-months&categoryIds=${A}&granularity=week`);
    expect(transactionsSearch(drilled)).toBe(
      `?range=last-3-months&categoryIds=${A}&kind=spend&granularity=week&sort=amount-asc`,
    );
  });
});
