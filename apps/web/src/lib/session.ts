/**
 * The signed-in session. The access token, its expiry and the user are kept in sessionStorage,
 * so a reload stays signed in; the server also keeps a refresh-token cookie (HttpOnly, this
 * origin only), which `refresh()` trades for a new access token before the old one runs out, on
 * a reload with an expired token, and in a new tab of a browser that is signed in. When that
 * fails too, the session has ended: the sign-in page says so.
 *
 * A small external store: React reads it with useSyncExternalStore, the tRPC links read the
 * token from it, and the query cache reports UNAUTHORIZED answers to it.
 */
import { Session } from '@outlay/contracts';

const STORAGE_KEY = 'outlay.session';
/** Shared by the tabs: "this browser has a refresh cookie worth trying". Holds no secret. */
const SIGNED_IN_FLAG = 'outlay.signedIn';
/** Refresh this long before the access token expires. */
const REFRESH_AHEAD_MS = 60_000;

export const SESSION_ENDED_MESSAGE = 'Your session has ended, please sign in again';
export const SIGNED_OUT_MESSAGE = 'You have signed out.';

export interface SessionSnapshot {
  session: Session | null;
  /** Trying the refresh cookie before deciding whether to show the sign-in page. */
  restoring: boolean;
  /** Why the person is looking at the sign-in page, if they did not just arrive. */
  notice: { kind: 'ended' | 'signed-out'; message: string } | null;
}

/** Trades the refresh cookie for a session; `final` when the server said no (not a network blip). */
export type Refresher = () => Promise<
  { ok: true; session: Session } | { ok: false; final: boolean }
>;

type Listener = () => void;

function expiresWithin(session: Session, ms: number): boolean {
  return Date.parse(session.expiresAt) - Date.now() <= ms;
}

function storage(kind: 'session' | 'local'): Storage | null {
  try {
    return kind === 'session' ? sessionStorage : localStorage;
  } catch {
    return null;
  }
}

function readStored(): { session: Session | null; hadSession: boolean } {
  const text = storage('session')?.getItem(STORAGE_KEY) ?? null;
  if (text === null) return { session: null, hadSession: false };
  let parsed: ReturnType<typeof Session.safeParse>;
  try {
    parsed = Session.safeParse(JSON.parse(text));
  } catch {
    parsed = Session.safeParse(null);
  }
  return { session: parsed.success ? parsed.data : null, hadSession: true };
}

function createSessionStore() {
  const stored = readStored();
  const usable = stored.session && !expiresWithin(stored.session, 5_000) ? stored.session : null;
  const tryCookie =
    !usable && (stored.hadSession || storage('local')?.getItem(SIGNED_IN_FLAG) === '1');
  let snapshot: SessionSnapshot = { session: usable, restoring: tryCookie, notice: null };
  const listeners = new Set<Listener>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let refresher: Refresher | null = null;
  let inflight: ReturnType<Refresher> | null = null;
  /** The token a refusal-triggered refresh produced: if that one is refused too, stop. */
  let tokenFromRetry: string | null = null;

  function set(next: SessionSnapshot) {
    snapshot = next;
    schedule();
    for (const listener of listeners) listener();
  }

  /** Refresh a minute before expiry (timers cap at ~24.8 days: re-check then). */
  function schedule() {
    clearTimeout(timer);
    const session = snapshot.session;
    if (!session) return;
    const delay = Math.min(
      Date.parse(session.expiresAt) - Date.now() - REFRESH_AHEAD_MS,
      2_000_000_000,
    );
    timer = setTimeout(
      () => {
        if (snapshot.session !== session) return;
        if (expiresWithin(session, REFRESH_AHEAD_MS)) void store.refresh();
        else schedule();
      },
      Math.max(delay, 0),
    );
  }

  const store = {
    getSnapshot: (): SessionSnapshot => snapshot,
    subscribe: (listener: Listener): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Set once by the API layer, which owns the HTTP client. Starts a pending restore. */
    setRefresher: (next: Refresher) => {
      refresher = next;
      if (snapshot.restoring) void store.refresh();
    },
    /** One refresh at a time, in this tab and (with Web Locks) across tabs: a refresh token is single-use. */
    refresh: (): ReturnType<Refresher> => {
      if (!refresher) return Promise.resolve({ ok: false, final: false });
      const run = refresher;
      inflight ??= (async () => {
        try {
          const result =
            typeof navigator !== 'undefined' && navigator.locks
              ? await navigator.locks.request('outlay-session-refresh', run)
              : await run();
          if (result.ok) {
            store.signIn(result.session);
          } else if (snapshot.restoring) {
            // Nothing to restore: the sign-in page, with a word only if this tab had a session.
            store.end(stored.hadSession ? 'ended' : null);
          } else if (result.final) {
            store.end('ended');
          }
          return result;
        } finally {
          inflight = null;
        }
      })();
      return inflight;
    },
    /** The access token for the next request: refreshed first when it is about to run out. */
    token: async (): Promise<string | null> => {
      const session = snapshot.session;
      if (!session) return null;
      if (!expiresWithin(session, 5_000)) return session.accessToken;
      const result = await store.refresh();
      return result.ok ? result.session.accessToken : null;
    },
    /**
     * The server refused the token. Refresh once and report whether to retry; if the token that
     * refresh gave is refused as well, the session ends, so a refused token never loops.
     */
    unauthorized: async (): Promise<boolean> => {
      const session = snapshot.session;
      if (!session) return false;
      if (session.accessToken === tokenFromRetry) {
        store.end('ended');
        return false;
      }
      const result = await store.refresh();
      if (!result.ok) {
        store.end('ended');
        return false;
      }
      tokenFromRetry = result.session.accessToken;
      return true;
    },
    signIn: (session: Session) => {
      storage('session')?.setItem(STORAGE_KEY, JSON.stringify(session));
      storage('local')?.setItem(SIGNED_IN_FLAG, '1');
      set({ session, restoring: false, notice: null });
    },
    /** Forgets the session; `ended` when the server or the clock ended it, not the person. */
    end: (reason: 'ended' | 'signed-out' | null) => {
      storage('session')?.removeItem(STORAGE_KEY);
      storage('local')?.removeItem(SIGNED_IN_FLAG);
      if (
        !snapshot.session &&
        !snapshot.restoring &&
        (reason === null || snapshot.notice?.kind === reason)
      )
        return;
      set({
        session: null,
        restoring: false,
        notice:
          reason === null
            ? null
            : {
                kind: reason,
                message: reason === 'ended' ? SESSION_ENDED_MESSAGE : SIGNED_OUT_MESSAGE,
              },
      });
    },
    dismissNotice: () => {
      if (snapshot.notice) set({ ...snapshot, notice: null });
    },
  };
  schedule();
  return store;
}

export const sessionStore = createSessionStore();
export type SessionStore = typeof sessionStore;
