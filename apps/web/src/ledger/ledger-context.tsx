/**
 * Recording money, app-wide: every write reports its change set here, which refreshes every
 * figure at once (metrics, transactions, history, categories, accounts) and says what happened
 * in a toast with Undo. Undo is `history.undo`; Ctrl/Cmd+Z undoes the newest change set that is
 * not undone (asked of the server, so it works after a reload and across devices), except while
 * typing. The `n` key, or the shell's Add button, opens quick entry.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  lazy,
  Suspense,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { apiError, generalErrorMessage, writeErrorMessage } from '../lib/api-errors.ts';
import { useTRPC, useTRPCClient } from '../lib/trpc.ts';
import { Toasts, type Toast } from './toasts.tsx';
import { isTypingTarget } from './keys.ts';

/** What every write returns: the change set and what it did, in words. */
export interface Written {
  changeSetId: string;
  description: string;
}

interface LedgerApi {
  /** After a write: refresh every figure and say what happened, with Undo. */
  report: (written: Written) => Promise<void>;
  /** Undo a change set; says what happened, or why not (a CONFLICT names the rows). */
  undo: (changeSetId: string) => Promise<boolean>;
  /** Refresh every figure a write can change. */
  invalidate: () => Promise<void>;
  openQuickEntry: () => void;
  /** A message without an undo (a refusal, a failure). */
  say: (message: string, tone?: Toast['tone']) => void;
  /**
   * The outcome of a write made from a list row: `report` it, or say why it was refused (the
   * server's reason, else `fallback`). For `mutationOptions`.
   */
  rowWrite: (fallback: string) => {
    onSuccess: (written: Written) => void;
    onError: (error: unknown) => void;
  };
}

const LedgerContext = createContext<LedgerApi | null>(null);
// Loaded on first use (`n` or Add), so the dashboard's first load stays within its budget.
const QuickEntry = lazy(() =>
  import('./quick-entry.tsx').then((module) => ({ default: module.QuickEntry })),
);
let nextToastId = 1;
/** How long a toast stays: long enough to reach for Undo. */
const TOAST_MS = 10_000;

export function LedgerProvider({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const undoMutation = useMutation(trpc.history.undo.mutationOptions());
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [quickEntryOpen, setQuickEntryOpen] = useState(false);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);

  const push = useCallback(
    (toast: Omit<Toast, 'id'>) => {
      const id = nextToastId++;
      // Newest last; three at most, so a burst of quick entries does not bury the page.
      setToasts((current) => [...current.slice(-2), { ...toast, id }]);
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), TOAST_MS),
      );
    },
    [dismiss],
  );

  useEffect(() => {
    const all = timers.current;
    return () => all.forEach((timer) => clearTimeout(timer));
  }, []);

  const invalidate = useCallback(async () => {
    await Promise.all(
      [
        trpc.metrics.pathFilter(),
        trpc.transactions.pathFilter(),
        trpc.history.pathFilter(),
        trpc.categories.pathFilter(),
        trpc.accounts.pathFilter(),
        trpc.imports.pathFilter(),
        trpc.budgets.pathFilter(),
        trpc.recurring.pathFilter(),
        trpc.dueItems.pathFilter(),
      ].map((filter) => queryClient.invalidateQueries(filter)),
    );
  }, [queryClient, trpc]);

  const undoRef = useRef<(changeSetId: string) => Promise<boolean>>(() => Promise.resolve(false));

  const report = useCallback(
    async (written: Written) => {
      push({
        message: written.description,
        tone: 'done',
        action: { label: 'Undo', run: () => void undoRef.current(written.changeSetId) },
      });
      await invalidate();
    },
    [push, invalidate],
  );

  const say = useCallback(
    (message: string, tone: Toast['tone'] = 'error') => push({ message, tone }),
    [push],
  );

  const rowWrite = useCallback(
    (fallback: string) => ({
      onSuccess: (written: Written) => void report(written),
      onError: (error: unknown) => say(writeErrorMessage(apiError(error), fallback)),
    }),
    [report, say],
  );

  const undo = useCallback(
    async (changeSetId: string) => {
      try {
        const result = await undoMutation.mutateAsync({ changeSetId });
        push({
          // The undo's own description: "Undid: …".
          message: result.description,
          tone: 'done',
          // Undoing an undo redoes.
          action: { label: 'Redo', run: () => void undoRef.current(result.changeSetId) },
        });
        await invalidate();
        return true;
      } catch (error) {
        const refused = apiError(error);
        push({
          message:
            refused.code === 'CONFLICT'
              ? refused.message
              : generalErrorMessage(refused, 'Couldn’t undo that. Try again.'),
          tone: 'error',
        });
        // A conflict means the data moved on: show it as it is now.
        if (refused.code === 'CONFLICT') await invalidate();
        return false;
      }
    },
    [undoMutation, push, invalidate],
  );
  undoRef.current = undo;

  const undoNewest = useCallback(async () => {
    const page = await client.history.list.query({ limit: 50 });
    // Walks back through what the person did: never an undo (that would redo), and never the
    // starter categories and account made at registration (one key press would empty the app).
    const newest = page.items.find(
      (entry) => !entry.undone && entry.undoesId === null && entry.action !== 'auth.register',
    );
    if (!newest) {
      push({ message: 'Nothing to undo.', tone: 'info' });
      return;
    }
    await undo(newest.id);
  }, [client, undo, push]);

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      const modifier = event.ctrlKey || event.metaKey;
      if (modifier && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'z') {
        // A modal (quick entry, the edit drawer) has its own fields; undo waits until it closes.
        if (document.querySelector('dialog[open]')) return;
        event.preventDefault();
        void undoNewest();
      } else if (!modifier && !event.altKey && event.key === 'n') {
        if (document.querySelector('dialog[open]')) return;
        event.preventDefault();
        setQuickEntryOpen(true);
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [undoNewest]);

  const api = useMemo<LedgerApi>(
    () => ({
      report,
      undo,
      invalidate,
      say,
      rowWrite,
      openQuickEntry: () => setQuickEntryOpen(true),
    }),
    [report, undo, invalidate, say, rowWrite],
  );

  return (
    <LedgerContext.Provider value={api}>
      {children}
      {quickEntryOpen && (
        <Suspense fallback={null}>
          <QuickEntry onClose={() => setQuickEntryOpen(false)} />
        </Suspense>
      )}
      <Toasts toasts={toasts} onDismiss={dismiss} />
    </LedgerContext.Provider>
  );
}

export function useLedger(): LedgerApi {
  const api = useContext(LedgerContext);
  if (!api) throw new Error('useLedger() needs a <LedgerProvider>');
  return api;
}
