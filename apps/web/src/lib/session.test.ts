import type { Session } from '@outlay/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSessionStore, SESSION_ENDED_MESSAGE, type Refresher } from './session.ts';

/** A session whose access token is a JWT-shaped string with `iat` and `exp` (not signed). */
function session(name: string, lifetimeSeconds = 600, serverSkewMs = 0): Session {
  const iat = Math.floor((Date.now() + serverSkewMs) / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return {
    accessToken: `${part({ alg: 'EdDSA' })}.${part({ sub: name, iat, exp: iat + lifetimeSeconds })}.sig`,
    expiresAt: new Date((iat + lifetimeSeconds) * 1000).toISOString(),
    user: {
      id: '00000000-0000-4000-8000-000000000000',
      email: 'sam@example.com',
      displayName: 'Sam',
      profile: null,
      homeCurrency: 'USD',
      role: 'user',
    },
  };
}

function memoryStorage(initial: Record<string, string> = {}): Storage {
  const values = new Map(Object.entries(initial));
  return {
    get length() {
      return values.size;
    },
    key: (index) => [...values.keys()][index] ?? null,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
    clear: () => values.clear(),
  };
}

describe('session store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('localStorage', memoryStorage());
    vi.stubGlobal('sessionStorage', memoryStorage({ 'outlay.session': '{"accessToken":"old"}' }));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('keeps the access token in memory only, and drops one an earlier version stored', () => {
    const store = createSessionStore();
    store.signIn(session('a'));
    expect(sessionStorage.length).toBe(0);
    expect(localStorage.getItem('outlay.signedIn')).toBe('1');
    expect(localStorage.length).toBe(1);
  });

  it('refreshes a minute before expiry by the token’s lifetime, even with the server clock far off', async () => {
    // The server's clock is 20 minutes behind: its expiresAt is already past by this clock.
    const store = createSessionStore();
    const refresher = vi.fn<Refresher>(() =>
      Promise.resolve({ ok: true, session: session('b', 600, -20 * 60_000) }),
    );
    store.setRefresher(refresher);
    store.signIn(session('a', 600, -20 * 60_000));
    expect(await store.token()).toBe(store.getSnapshot().session?.accessToken);

    await vi.advanceTimersByTimeAsync(9 * 60_000 - 1_000);
    expect(refresher).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(refresher).toHaveBeenCalledTimes(1);
    // The new token gets its own nine minutes: no loop.
    await vi.advanceTimersByTimeAsync(8 * 60_000);
    expect(refresher).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(refresher).toHaveBeenCalledTimes(2);
  });

  it('never refreshes in a loop, even for a token that lives less than a minute', async () => {
    const store = createSessionStore();
    const refresher = vi.fn<Refresher>(() =>
      Promise.resolve({ ok: true, session: session('short', 30) }),
    );
    store.setRefresher(refresher);
    store.signIn(session('short', 30));
    await vi.advanceTimersByTimeAsync(14_000);
    expect(refresher).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(refresher.mock.calls.length).toBeLessThanOrEqual(5);
  });

  it('retries once after a refusal; a refused refreshed token ends the session', async () => {
    const store = createSessionStore();
    store.setRefresher(() => Promise.resolve({ ok: true, session: session('c') }));
    store.signIn(session('a'));
    expect(await store.unauthorized()).toBe(true);
    expect(await store.unauthorized()).toBe(false);
    expect(store.getSnapshot()).toMatchObject({
      session: null,
      notice: { kind: 'ended', message: SESSION_ENDED_MESSAGE },
    });
    expect(localStorage.getItem('outlay.signedIn')).toBe('ended');
  });

  it('restores from the refresh cookie when the browser was signed in, and says so when it cannot', async () => {
    vi.stubGlobal('localStorage', memoryStorage({ 'outlay.signedIn': '1' }));
    const store = createSessionStore();
    expect(store.getSnapshot().restoring).toBe(true);
    store.setRefresher(() => Promise.resolve({ ok: false, final: true }));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot()).toMatchObject({ session: null, restoring: false });
    expect(store.getSnapshot().notice?.kind).toBe('ended');

    // A visitor who signed out last time is not restored (no request at all).
    vi.stubGlobal('localStorage', memoryStorage({ 'outlay.signedIn': 'signed-out' }));
    const refresher = vi.fn<Refresher>();
    const next = createSessionStore();
    next.setRefresher(refresher);
    expect(next.getSnapshot().restoring).toBe(false);
    expect(refresher).not.toHaveBeenCalled();
  });

  it('keeps the hint after a network failure while restoring, so the next load tries again', async () => {
    vi.stubGlobal('localStorage', memoryStorage({ 'outlay.signedIn': '1' }));
    const store = createSessionStore();
    store.setRefresher(() => Promise.resolve({ ok: false, final: false }));
    await vi.advanceTimersByTimeAsync(0);
    expect(store.getSnapshot().session).toBeNull();
    expect(localStorage.getItem('outlay.signedIn')).toBe('1');
  });
});
