/**
 * Categories: groups and the categories in them (two levels), a form for a new one, and each
 * category's editor in place (rename, kind, colour, group, merge, archive, delete). A category is
 * put into a group by dragging it there, or with the group choice in its editor. Every write says
 * what it did, in the words History uses, and refreshes what shows categories: pickers, the
 * dashboard, the transactions list.
 */
import type { Category } from '@outlay/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { CategoryFields, emptyDraft } from '../categories/category-fields.tsx';
import { CategoryList } from '../categories/category-list.tsx';
import { categoryTree } from '../categories/category-tree.ts';
import { FormFooter } from '../components/form-footer.tsx';
import { ListStates, LoadingRows } from '../components/load-states.tsx';
import { apiError, writeErrorMessage } from '../lib/api-errors.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { useTRPC } from '../lib/trpc.ts';
import { useLedger, type Written } from '../ledger/ledger-context.tsx';
import '../categories/categories.css';
import { Page, Panel, useQueryView } from '../components/page.tsx';

export default function CategoriesPage() {
  const trpc = useTRPC();
  const list = useQuery(trpc.categories.list.queryOptions());
  const ledger = useLedger();
  const view = useQueryView(list);
  const format = useFormatters();
  const tree = useMemo(() => (list.data ? categoryTree(list.data) : null), [list.data]);

  useEffect(() => {
    document.title = 'Categories · Outlay';
  }, []);

  const written = (result: Written) => void ledger.report(result);
  const refused = (message: string) => ledger.say(message, 'error');
  // The moved row is drawn anew under its group once the list has it there: a keyboard user
  // carries on from its handle.
  const [refocus, setRefocus] = useState<Category | null>(null);
  useEffect(() => {
    if (!refocus) return;
    const now = list.data?.find((c) => c.id === refocus.id);
    if (now?.parentId !== refocus.parentId) return;
    setRefocus(null);
    document.querySelector<HTMLElement>(`[data-category-id="${refocus.id}"] .drag-handle`)?.focus();
  }, [refocus, list.data]);
  const move = useMutation(
    trpc.categories.update.mutationOptions({
      onSuccess: (result) => {
        written(result);
        const focused = document.activeElement;
        if (focused === document.body || focused?.classList.contains('drag-handle')) {
          setRefocus(result.category);
        }
      },
      onError: (error) =>
        refused(writeErrorMessage(apiError(error), 'Outlay could not move this category.')),
    }),
  );

  return (
    <Page
      className="categories-page"
      {...view}
      title="Categories"
      line="Drag a category onto another to put it in that group. The dashboard shows spend by category or by group."
    >
      <div className="manage-layout">
        <Panel
          id="categories"
          title="Your categories"
          focusable
          aside={
            list.data && (
              <span className="muted small">
                {format.countOf(list.data.length, 'category', 'categories')}
              </span>
            )
          }
        >
          <ListStates
            query={list}
            what="your categories"
            loading={<LoadingRows label="Loading categories…" rows={6} />}
            isEmpty={list.data?.length === 0}
            empty="No categories yet. Add the first one with the form: a category with no group can become a group once you put others in it."
          >
            {tree && list.data && (
              <CategoryList
                tree={tree}
                categories={list.data}
                busy={move.isPending}
                onWritten={written}
                onRefused={refused}
                onMove={(category, groupId) =>
                  move.mutate({ id: category.id, patch: { parentId: groupId } })
                }
              />
            )}
          </ListStates>
        </Panel>
        <NewCategory categories={list.data ?? []} onWritten={written} />
      </div>
    </Page>
  );
}

function NewCategory({
  categories,
  onWritten,
}: {
  categories: readonly Category[];
  onWritten: (written: Written) => void;
}) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState(emptyDraft);
  const [nameError, setNameError] = useState('');
  const [error, setError] = useState('');
  const create = useMutation(
    trpc.categories.create.mutationOptions({
      onSuccess: (result) => {
        onWritten(result);
        // Ready for the next one, in the same group and kind.
        setDraft({ ...emptyDraft(), kind: draft.kind, parentId: draft.parentId });
        document.getElementById('new-category-name')?.focus();
      },
      onError: (failure) => {
        const problem = apiError(failure);
        if (problem.fields.name) setNameError(problem.fields.name);
        else setError(writeErrorMessage(problem, 'Outlay could not add this category.'));
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    setNameError('');
    setError('');
    const name = draft.name.trim();
    if (name === '') {
      setNameError('Give the category a name.');
      document.getElementById('new-category-name')?.focus();
      return;
    }
    create.mutate({
      name,
      kind: draft.kind,
      color: draft.color,
      parentId: draft.parentId === '' ? null : draft.parentId,
    });
  }

  return (
    <Panel id="new-category" className="manage-form" title="New category">
      <form onSubmit={submit} noValidate>
        <CategoryFields
          idPrefix="new-category"
          draft={draft}
          onChange={setDraft}
          categories={categories}
          editing={null}
          nameError={nameError}
        />
        <FormFooter error={error} pending={create.isPending && 'Adding…'} label="Add category" />
      </form>
    </Panel>
  );
}
