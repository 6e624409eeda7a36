/**
 * What the last write did, in the server's words (the change set's `description`, the same
 * sentence History shows): a polite live region at the top of a management page. A stand-in
 * until the app has one toast for every write, with Undo.
 */
import { useCallback, useState } from 'react';
import './write-notice.css';

export interface WriteMessage {
  text: string;
  /** `refused`: the write did not happen (a move the rules forbid, a server refusal). */
  tone: 'done' | 'refused';
}

export function useWriteNotice() {
  const [message, setMessage] = useState<WriteMessage | null>(null);
  const say = useCallback((text: string) => setMessage({ text, tone: 'done' }), []);
  const refuse = useCallback((text: string) => setMessage({ text, tone: 'refused' }), []);
  const clear = useCallback(() => setMessage(null), []);
  return { message, say, refuse, clear };
}

export function WriteNotice({
  message,
  onDismiss,
}: {
  message: WriteMessage | null;
  onDismiss: () => void;
}) {
  return (
    <div
      className={message?.tone === 'refused' ? 'write-notice is-refused' : 'write-notice'}
      role="status"
      aria-live="polite"
      data-write-notice={message?.tone}
    >
      {message && (
        <>
          <svg className="write-notice-icon" viewBox="0 0 20 20" aria-hidden="true">
            {message.tone === 'done' ? (
              <path
                d="m5 10.5 3.2 3.2L15 6.8"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            ) : (
              <path
                d="M10 5.5v5.5M10 13.6v.4"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
              />
            )}
          </svg>
          <p>{message.text}</p>
          <button type="button" className="button ghost small" onClick={onDismiss}>
            Dismiss
          </button>
        </>
      )}
    </div>
  );
}
