/**
 * A row of the transactions table edited in place: its date, payee, category and amount become
 * fields (labelled for screen readers; the column says it to the eye). Enter or Save sends only
 * what changed (`transactions.update`) and reports it through the ledger (toast with Undo, every
 * figure refreshed); Escape or Cancel lets it go with nothing written. A refusal stays in the row,
 * in the server's words. The focus goes back to the row's Edit button afterwards.
 */
import type { Transaction } from '@outlay/contracts';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { apiError, writeErrorMessage } from '../lib/api-errors.ts';
import { useFormatters } from '../lib/formatters-context.tsx';
import {
  draftFromRow,
  inlineMode,
  inlinePatch,
  type InlineDraft,
  type InlineErrors,
} from '../lib/inline-edit.ts';
import { useTRPC } from '../lib/trpc.ts';
import { isTypingTarget } from './keys.ts';
import { useLedger } from './ledger-context.tsx';

export interface InlineEdit {
  /** The row being edited (by entry), its draft, and what is wrong with it. */
  row: Transaction | null;
  draft: InlineDraft | null;
  errors: InlineErrors;
  /** The server's refusal of the last Save, in its words. */
  refusal: string;
  saving: boolean;
  isEditing: (row: Transaction) => boolean;
  start: (row: Transaction) => void;
  change: (change: Partial<InlineDraft>) => void;
  save: () => Promise<void>;
  cancel: () => void;
  /** The row's keys: `e` edits it, Enter in a field saves, Escape cancels. */
  onRowKeyDown: (row: Transaction, event: KeyboardEvent<HTMLTableRowElement>) => void;
}

/** The Edit button of a row, where the focus returns after Save or Cancel. */
export const editButtonSelector = (entryId: string) => `[data-inline-edit="${entryId}"]`;

export function useInlineEdit({ openDrawer }: { openDrawer: (id: string) => void }): InlineEdit {
  const trpc = useTRPC();
  const ledger = useLedger();
  const format = useFormatters();
  const update = useMutation(trpc.transactions.update.mutationOptions());
  const [row, setRow] = useState<Transaction | null>(null);
  const [draft, setDraft] = useState<InlineDraft | null>(null);
  const [errors, setErrors] = useState<InlineErrors>({});
  const [refusal, setRefusal] = useState('');
  const returnFocus = useRef<string | null>(null);

  // After the row leaves edit mode (and after a save, once the refreshed rows are in), the focus
  // goes back to its Edit button; if the row left the list, the focus stays where the page puts it.
  useEffect(() => {
    if (row !== null || returnFocus.current === null) return;
    const entryId = returnFocus.current;
    returnFocus.current = null;
    document.querySelector<HTMLElement>(editButtonSelector(entryId))?.focus();
  });

  const start = useCallback(
    (next: Transaction) => {
      if (inlineMode(next) === 'split-line') {
        openDrawer(next.id);
        return;
      }
      setRow(next);
      setDraft(draftFromRow(next, format.locale));
      setErrors({});
      setRefusal('');
    },
    [openDrawer, format.locale],
  );

  const finish = useCallback((entryId: string) => {
    returnFocus.current = entryId;
    setRow(null);
    setDraft(null);
    setErrors({});
    setRefusal('');
  }, []);

  const cancel = useCallback(() => {
    if (row) finish(row.entryId);
  }, [row, finish]);

  const save = useCallback(async () => {
    if (!row || !draft || update.isPending) return;
    const result = inlinePatch(row, draft, format.locale);
    setRefusal('');
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    // Nothing changed: nothing to write (no empty change set in the history).
    if (Object.keys(result.patch).length === 0) {
      finish(row.entryId);
      return;
    }
    try {
      const written = await update.mutateAsync({ id: row.id, patch: result.patch });
      finish(row.entryId);
      await ledger.report(written);
    } catch (error) {
      setRefusal(writeErrorMessage(apiError(error), 'Couldn’t save that. Try again.'));
    }
  }, [row, draft, update, format.locale, finish, ledger]);

  const onRowKeyDown = useCallback(
    (target: Transaction, event: KeyboardEvent<HTMLTableRowElement>) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      const editingThis = row?.entryId === target.entryId;
      if (editingThis) {
        if (event.key === 'Escape') {
          event.preventDefault();
          cancel();
        } else if (event.key === 'Enter' && isTypingTarget(event.target)) {
          event.preventDefault();
          void save();
        }
        return;
      }
      // One row at a time: another row's draft is not thrown away by a stray key.
      if (row === null && event.key === 'e' && !isTypingTarget(event.target)) {
        event.preventDefault();
        start(target);
      }
    },
    [row, cancel, save, start],
  );

  return {
    row,
    draft,
    errors,
    refusal,
    saving: update.isPending,
    isEditing: (candidate) => row?.entryId === candidate.entryId,
    start,
    change: (change) => setDraft((current) => (current ? { ...current, ...change } : current)),
    save,
    cancel,
    onRowKeyDown,
  };
}
