/**
 * The account quick entry used last, so the next entry starts there (a non-secret id, in
 * localStorage, which may be unavailable: private windows, storage turned off).
 */
const KEY = 'outlay.quickEntry.accountId';

export function rememberedAccount(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function rememberAccount(accountId: string): void {
  try {
    localStorage.setItem(KEY, accountId);
  } catch {
    // Not remembered: the first open account is chosen next time.
  }
}
