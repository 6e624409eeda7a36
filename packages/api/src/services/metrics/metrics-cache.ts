/**
 * Answers of the metrics procedures, remembered per user and data version (DESIGN §7).
 *
 * `users.data_version` moves in the same transaction as any change to what metrics read
 * (migration 4's triggers), and every request reads it in the statement that authenticates it.
 * An answer is stored under the version its request read, and a request's later queries can only
 * see that data or newer, so an entry is found only by requests that see the same data: nothing
 * is ever invalidated by hand, entries of old versions simply age out. It holds across server
 * instances, because the version comes from the database, not from this process.
 */
import { LRUCache } from 'lru-cache';

export interface MetricsCacheKey {
  procedure: string;
  userId: string;
  dataVersion: number;
  /** Part of every answer (the currency of the figures); it lives on the user, not in the data. */
  homeCurrency: string;
  /** The parsed input: the same filter always serializes to the same text. */
  input: unknown;
}

export interface MetricsCache {
  remember<T>(key: MetricsCacheKey, compute: () => Promise<T>): Promise<T>;
}

export interface MetricsCacheOptions {
  /** Upper bound on the answers kept, measured as their JSON length (default 32 MiB). */
  maxBytes?: number;
}

export function createMetricsCache({
  maxBytes = 32 * 1024 * 1024,
}: MetricsCacheOptions = {}): MetricsCache {
  const answers = new LRUCache<string, { value: unknown; bytes: number }>({
    maxSize: maxBytes,
    sizeCalculation: (entry) => entry.bytes,
  });
  // Requests that ask the same question while it is being computed wait for that one answer
  // (every tab of a dashboard, a burst of clients after a change) instead of each computing it.
  const computing = new Map<string, Promise<unknown>>();
  return {
    remember<T>(key: MetricsCacheKey, compute: () => Promise<T>): Promise<T> {
      const id = JSON.stringify([
        key.procedure,
        key.userId,
        key.dataVersion,
        key.homeCurrency,
        key.input,
      ]);
      const hit = answers.get(id);
      if (hit) return Promise.resolve(hit.value as T);
      const running = computing.get(id);
      if (running) return running as Promise<T>;
      const answer = compute()
        .then((value) => {
          const bytes = JSON.stringify(value).length + id.length;
          // An answer larger than the whole cache is returned but not kept.
          if (bytes <= maxBytes) answers.set(id, { value, bytes });
          return value;
        })
        .finally(() => computing.delete(id));
      computing.set(id, answer);
      return answer;
    },
  };
}
