/**
 * A link can name categories that no longer exist (deleted, or another person's link). Once the
 * category list has loaded, unknown ids are dropped from the URL with a notice.
 */
import type { Category } from '@outlay/contracts';
import { useEffect } from 'react';
import { useNotices } from '../components/notices.tsx';
import { withFilter, type ViewState } from './view-state.ts';

export function useStaleCategoryCheck(
  state: ViewState,
  update: (next: ViewState, options?: { replace?: boolean }) => void,
  categories: Category[] | undefined,
) {
  const { push } = useNotices();
  const selected = state.filter.categoryIds;
  useEffect(() => {
    if (!categories || !selected?.length) return;
    const known = new Set(categories.map((c) => c.id));
    const kept = selected.filter((id) => known.has(id));
    if (kept.length === selected.length) return;
    const { categoryIds: _ids, ...rest } = state.filter;
    push(
      kept.length === 0 && !state.filter.includeUncategorized
        ? 'The categories in this link no longer exist, so all categories are shown.'
        : 'Some categories in this link no longer exist and were left out.',
    );
    update(withFilter(state, kept.length > 0 ? { ...rest, categoryIds: kept } : rest), {
      replace: true,
    });
  }, [categories, selected, state, update, push]);
}
