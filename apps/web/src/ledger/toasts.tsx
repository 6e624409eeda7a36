/**
 * What just happened, at the bottom of the screen: each write's description with Undo, an
 * undo's with Redo, and refusals. A polite live region, so screen readers hear them; each leaves
 * after a while or when dismissed.
 */
import './toasts.css';

export interface Toast {
  id: number;
  message: string;
  tone: 'done' | 'error' | 'info';
  action?: { label: string; run: () => void };
}

export function Toasts({
  toasts,
  onDismiss,
}: {
  toasts: readonly Toast[];
  onDismiss: (id: number) => void;
}) {
  return (
    <div className="toasts" role="status" aria-live="polite">
      {toasts.map((toast) => (
        <div className={`toast ${toast.tone}`} key={toast.id} data-toast={toast.tone}>
          <p>{toast.message}</p>
          {toast.action && (
            <button
              type="button"
              className="button small"
              onClick={() => {
                onDismiss(toast.id);
                toast.action!.run();
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button
            type="button"
            className="toast-close"
            aria-label="Dismiss"
            onClick={() => onDismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
