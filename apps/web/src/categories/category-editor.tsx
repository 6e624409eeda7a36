/**
 * One category's editor, opened in place under its row: rename, kind, group and colour; then
 * the actions that change more than the category — merge into another (after a confirmation
 * that says how many rows move), archive or bring back, delete (the server refuses a category
 * in use and says how many rows use it). Every write reports the server's description of it.
 */
import type { Category } from '@outlay/contracts';
import { skipToken, useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ConfirmBox } from '../components/confirm-box.tsx';
import { FormFooter } from '../components/form-footer.tsx';
import { SelectField } from '../components/select-field.tsx';
import { apiError, writeErrorMessage } from '../lib/api-errors.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import { useTRPC } from '../lib/trpc.ts';
import { CategoryFields, draftOf, patchOf } from './category-fields.tsx';
import { mergeTargets, qualifiedName } from './category-tree.ts';
import type { Written } from '../ledger/ledger-context.tsx';

interface Props {
  category: Category;
  categories: readonly Category[];
  /** Closes the editor; `removed` when the category is gone (merged or deleted). */
  onClose: (removed?: boolean) => void;
  /** Reports a write: its description, then refreshes what depends on it. */
  onWritten: (written: Written) => void;
}

export function CategoryEditor({ category, categories, onClose, onWritten }: Props) {
  const trpc = useTRPC();
  const format = useFormatters();
  const idPrefix = `edit-${category.id}`;
  const [draft, setDraft] = useState(() => draftOf(category));
  const [error, setError] = useState('');
  const [mergeInto, setMergeInto] = useState('');
  const [confirming, setConfirming] = useState<'merge' | 'delete' | null>(null);
  const firstField = useRef<HTMLDivElement>(null);

  useEffect(() => {
    firstField.current?.querySelector('input')?.focus();
  }, []);

  const fail = (fallback: string) => (failure: unknown) =>
    setError(writeErrorMessage(apiError(failure), fallback));
  // A write reports itself and closes the editor (`removed`: the category is gone), or says why not.
  const handlers = (fallback: string, removed = false) => ({
    onSuccess: (result: Written) => {
      onWritten(result);
      onClose(removed);
    },
    onError: fail(fallback),
  });
  const update = useMutation(
    trpc.categories.update.mutationOptions(handlers('Outlay could not save this category.')),
  );
  const archive = useMutation(
    trpc.categories.archive.mutationOptions(handlers('Outlay could not archive this category.')),
  );
  const unarchive = useMutation(
    trpc.categories.unarchive.mutationOptions(
      handlers('Outlay could not bring this category back.'),
    ),
  );
  const merge = useMutation(
    trpc.categories.merge.mutationOptions(
      handlers('Outlay could not merge these categories.', true),
    ),
  );
  const deleteHandlers = handlers('Outlay could not delete this category.', true);
  const remove = useMutation(
    trpc.categories.delete.mutationOptions({
      ...deleteHandlers,
      onError: (failure) => {
        setConfirming(null);
        deleteHandlers.onError(failure);
      },
    }),
  );
  const pending = [update, archive, unarchive, merge, remove].some((m) => m.isPending);

  // Every row the merge moves: the category's entries of every kind, all time (split lines count
  // one each), which is what `categories.merge` moves.
  const rows = useQuery(
    trpc.metrics.summary.queryOptions(
      confirming === 'merge' ? { filter: { categoryIds: [category.id] } } : skipToken,
      { staleTime: 0 },
    ),
  );

  const holdsOthers = categories.some((c) => c.parentId === category.id);
  const targets = mergeTargets(categories, category);
  const target = categories.find((c) => c.id === mergeInto);

  function save(event: FormEvent) {
    event.preventDefault();
    setError('');
    const patch = patchOf(category, draft);
    if (Object.keys(patch).length === 0) {
      onClose();
      return;
    }
    if (patch.name === '') {
      setError('Give the category a name.');
      return;
    }
    update.mutate({ id: category.id, patch });
  }

  return (
    <div className="category-editor" data-category-editor={category.name}>
      <form onSubmit={save} noValidate aria-label={`Edit ${category.name}`}>
        <div ref={firstField}>
          <CategoryFields
            idPrefix={idPrefix}
            draft={draft}
            onChange={setDraft}
            categories={categories}
            editing={category}
          />
        </div>
        <FormFooter
          error={confirming === null ? error : ''}
          pending={update.isPending && 'Saving…'}
          label="Save"
          onCancel={() => onClose()}
        />
      </form>

      <div className="category-more" role="group" aria-label={`More for ${category.name}`}>
        {!category.archived && (
          <div className="merge-row">
            <SelectField
              id={`${idPrefix}-merge`}
              label="Merge into"
              value={mergeInto}
              onChange={(value) => {
                setMergeInto(value);
                setConfirming(null);
              }}
              disabled={holdsOthers}
              hint={
                holdsOthers
                  ? 'Move or merge the categories in this group first.'
                  : 'Moves every transaction to the other category and removes this one.'
              }
              options={[
                { value: '', label: 'Choose a category…' },
                ...targets.map((c) => ({ value: c.id, label: qualifiedName(categories, c) })),
              ]}
            />
            <button
              type="button"
              className="button small"
              disabled={!target || pending}
              onClick={() => setConfirming('merge')}
            >
              Merge…
            </button>
          </div>
        )}
        <div className="form-actions">
          <button
            type="button"
            className="button small"
            disabled={pending}
            onClick={() => (category.archived ? unarchive : archive).mutate({ id: category.id })}
          >
            {archive.isPending
              ? 'Archiving…'
              : unarchive.isPending
                ? 'Unarchiving…'
                : category.archived
                  ? 'Unarchive'
                  : 'Archive'}
          </button>
          <button
            type="button"
            className="button ghost small danger-text"
            disabled={pending}
            onClick={() => setConfirming('delete')}
          >
            Delete…
          </button>
        </div>

        {confirming === 'merge' && target && (
          <ConfirmBox
            label="Confirm merge"
            action="Merge"
            pending={merge.isPending && 'Merging…'}
            disabled={pending || rows.isPending}
            onConfirm={() => merge.mutate({ from: category.id, into: target.id })}
            onCancel={() => setConfirming(null)}
            error={error}
          >
            <p data-merge-count={rows.data?.transactionCount}>
              {rows.isPending
                ? 'Counting the transactions to move…'
                : rows.isError
                  ? `Move every transaction of '${category.name}' to '${target.name}' and remove '${category.name}'?`
                  : `Move ${format.countOf(rows.data.transactionCount, 'transaction')} from '${category.name}' to '${target.name}' and remove '${category.name}'?`}{' '}
              History can undo it.
            </p>
          </ConfirmBox>
        )}
        {confirming === 'delete' && (
          <ConfirmBox
            label="Confirm delete"
            action="Delete"
            pending={remove.isPending && 'Deleting…'}
            disabled={pending}
            onConfirm={() => remove.mutate({ id: category.id })}
            onCancel={() => setConfirming(null)}
            error=""
          >
            <p>
              Delete &lsquo;{category.name}&rsquo;? Only a category no transaction uses can be
              deleted; History can undo it.
            </p>
          </ConfirmBox>
        )}
      </div>
    </div>
  );
}
