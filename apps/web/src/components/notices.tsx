/**
 * Page-level notices (a link that had bad filters, categories that no longer exist): shown
 * under the header until dismissed, announced politely to screen readers.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import './notices.css';

interface Notice {
  id: number;
  message: string;
}

interface NoticesApi {
  notices: Notice[];
  push: (message: string) => void;
  dismiss: (id: number) => void;
}

const NoticesContext = createContext<NoticesApi | null>(null);
let nextId = 1;

export function NoticesProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const push = useCallback((message: string) => {
    setNotices((current) =>
      current.some((n) => n.message === message)
        ? current
        : [...current, { id: nextId++, message }],
    );
  }, []);
  const dismiss = useCallback(
    (id: number) => setNotices((current) => current.filter((n) => n.id !== id)),
    [],
  );
  const api = useMemo(() => ({ notices, push, dismiss }), [notices, push, dismiss]);
  return <NoticesContext.Provider value={api}>{children}</NoticesContext.Provider>;
}

export function useNotices(): NoticesApi {
  const api = useContext(NoticesContext);
  if (!api) throw new Error('useNotices() needs a <NoticesProvider>');
  return api;
}

export function NoticeList() {
  const { notices, dismiss } = useNotices();
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((notice) => (
        <div className="notice" key={notice.id}>
          <svg className="notice-icon" viewBox="0 0 20 20" aria-hidden="true">
            <circle cx="10" cy="10" r="8.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
            <path
              d="M10 5.5v5.5M10 13.6v.4"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
            />
          </svg>
          <p>{notice.message}</p>
          <button type="button" className="button ghost small" onClick={() => dismiss(notice.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
