/**
 * The current view (filters, preset, granularity, sort) read from the URL, and the way to change
 * it: every change is a navigation, so Back undoes it and the address is always shareable. A bad
 * link is cleaned up in place (history replace) with a notice saying what was ignored.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLocation, useSearch } from 'wouter';
import { useNotices } from '../components/notices.tsx';
import { localIsoDate } from '@outlay/contracts';
import { parseViewSearch, viewSearch, type ViewState } from './view-state.ts';

export function useToday(): string {
  const [today, setToday] = useState(localIsoDate);
  useEffect(() => {
    // A tab left open overnight picks up the new day when it is looked at again.
    const refresh = () => setToday(localIsoDate());
    document.addEventListener('visibilitychange', refresh);
    return () => document.removeEventListener('visibilitychange', refresh);
  }, []);
  return today;
}

export function describeProblems(problems: string[]): string {
  const names = new Intl.ListFormat('en', { type: 'conjunction' }).format(problems);
  return `This link had filters Outlay couldn’t use (${names}). They were reset to their defaults.`;
}

export function useViewState() {
  const search = useSearch();
  const [path, navigate] = useLocation();
  const today = useToday();
  const { push } = useNotices();
  const { state, problems } = useMemo(() => parseViewSearch(search, today), [search, today]);

  useEffect(() => {
    if (problems.length === 0) return;
    push(describeProblems(problems));
    navigate(`${path}${viewSearch(state)}`, { replace: true });
  }, [problems, state, path, navigate, push]);

  const update = useCallback(
    (next: ViewState, options: { replace?: boolean } = {}) => {
      // The highlighted figure belongs to the rows that were drilled into: other rows, no highlight.
      const sameRows =
        next.preset === state.preset &&
        JSON.stringify(next.filter) === JSON.stringify(state.filter);
      const view = sameRows ? next : { ...next, focus: null };
      navigate(`${path}${viewSearch(view)}`, options);
    },
    [navigate, path, state],
  );

  return { state, update, today, navigate };
}
