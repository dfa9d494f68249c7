// Serialises work per key: a signing request for a key waits until the one before it has read,
// checked and durably written that key's record, so two concurrent requests cannot both pass a
// check against the same old watermark.

export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `fn` once every earlier holder of each of `keys` has finished. Keys are taken in sorted order. */
  async runExclusive<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    // every key's tail becomes `done` at once: all-or-nothing acquisition in one synchronous step,
    // so two multi-key holders cannot each wait for the other
    const waits = sorted.map((key) => {
      const previous = this.tails.get(key) ?? Promise.resolve();
      this.tails.set(key, done);
      return previous;
    });
    try {
      await Promise.all(waits);
      return await fn();
    } finally {
      release();
      for (const key of sorted) if (this.tails.get(key) === done) this.tails.delete(key);
    }
  }
}
