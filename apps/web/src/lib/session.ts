/**
 * The signed-in session. The access token lives in this store's memory only — never in
 * sessionStorage or localStorage, where any script on the page could read it. The server keeps
 * the refresh token in a cookie (`__Host-`, HttpOnly, SameSite=Strict), which `refresh()` trades
 * for a new access token a minute before the old one runs out, on a reload, and in a new tab of a
 * browser that is signed in. When that fails, the session has ended: the sign-in page says so.
 *
 * A small external store: React reads it with useSyncExternalStore, the tRPC links read the
 * token from it, and the query cache reports UNAUTHORIZED answers to it.
 */
import type { Session } from '@outlay/contracts';

/**
 * Shared by the tabs: "this browser has a refresh cookie worth trying". Holds no secret; it only
 * saves a signed-out visitor a pointless refresh request, and lets one tab's sign-out end the rest.
 */
const SIGNED_IN_FLAG = 'outlay.signedIn';
/** Where earlier versions kept the access token; removed on start so none lingers. */
const LEGACY_SESSION_KEY = 'outlay.session';
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

/**
 * When, by this browser's clock, the access token runs out. The server's `expiresAt` is by the
 * server's clock; a browser clock minutes off would refresh too late, or in a tight loop. The
 * token's own `exp - iat` is its lifetime, counted here from when it arrived.
 */
function localExpiry(session: Session, receivedAt: number): number {
  try {
    const payload = session.accessToken.split('.')[1] ?? '';
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as {
      iat?: unknown;
      exp?: unknown;
    };
    if (typeof claims.iat === 'number' && typeof claims.exp === 'number') {
      return receivedAt + Math.max(claims.exp - claims.iat, 0) * 1000;
    }
  } catch {
    // Not a JWT we can read: trust the server's timestamp.
  }
  return Date.parse(session.expiresAt);
}

function storage(kind: 'session' | 'local'): Storage | null {
  try {
    return kind === 'session' ? sessionStorage : localStorage;
  } catch {
    return null;
  }
}

export function createSessionStore() {
  storage('session')?.removeItem(LEGACY_SESSION_KEY);
  const wasSignedIn = storage('local')?.getItem(SIGNED_IN_FLAG) === '1';
  let snapshot: SessionSnapshot = { session: null, restoring: wasSignedIn, notice: null };
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

  /** By this browser's clock: when the current access token arrived, and when it runs out. */
  let receivedAt = 0;
  let expiresAt = 0;
  const expiresWithin = (ms: number) => expiresAt - Date.now() <= ms;

  /** Refresh a minute before expiry, and never before half the token's lifetime (no loop). */
  function schedule() {
    clearTimeout(timer);
    const session = snapshot.session;
    if (!session) return;
    const lifetime = expiresAt - receivedAt;
    const refreshAt = receivedAt + Math.max(lifetime - REFRESH_AHEAD_MS, lifetime / 2);
    timer = setTimeout(
      () => {
        if (snapshot.session === session) void store.refresh();
      },
      Math.min(Math.max(refreshAt - Date.now(), 0), 2_000_000_000),
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
            // The browser was signed in and no longer is: the session ran out or was revoked. A
            // network failure ends it only here, keeping the flag for the next load to try again.
            store.end('ended', result.final);
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
      if (!expiresWithin(5_000)) return session.accessToken;
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
      receivedAt = Date.now();
      expiresAt = localExpiry(session, receivedAt);
      storage('local')?.setItem(SIGNED_IN_FLAG, '1');
      set({ session, restoring: false, notice: null });
    },
    /**
     * Forgets the session; `ended` when the server or the clock ended it, not the person.
     * `everywhere` tells the browser's other tabs (they share the refresh cookie, so the session).
     */
    end: (reason: 'ended' | 'signed-out' | null, everywhere = true) => {
      // The other tabs read why from the flag (see the storage listener below).
      if (everywhere) {
        if (reason) storage('local')?.setItem(SIGNED_IN_FLAG, reason);
        else storage('local')?.removeItem(SIGNED_IN_FLAG);
      }
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
  // The tabs of a browser share one refresh cookie, so one session: when another tab signs out
  // or finds the session ended, this one ends too instead of failing on its next request.
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (event) => {
      if (event.key !== SIGNED_IN_FLAG) return;
      if (event.newValue !== '1' && snapshot.session) {
        store.end(event.newValue === 'ended' ? 'ended' : 'signed-out', false);
      }
    });
  }
  return store;
}

export const sessionStore = createSessionStore();
export type SessionStore = typeof sessionStore;
