/**
 * The demo generator's dice: mulberry32 seeded with FNV-1a of a key (each demo user's email), so
 * the same key always rolls the same numbers. Math.exp/log are deterministic in V8 (fdlibm
 * ports), so amounts do not vary between machines.
 */
export class Random {
  #state: number;

  constructor(key: string) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) {
      hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
    }
    this.#state = hash >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.float() * items.length)];
    if (item === undefined) throw new Error('Cannot pick from an empty list');
    return item;
  }

  /** Cents, uniform between two dollar amounts. */
  dollars(min: number, max: number): number {
    return Math.round((min + this.float() * (max - min)) * 100);
  }

  /** Cents, log-uniform between two dollar amounts: small purchases common, large ones rare. */
  skewed(min: number, max: number): number {
    const log = Math.log(min) + this.float() * (Math.log(max) - Math.log(min));
    return Math.round(Math.exp(log) * 100);
  }
}
