import type {KvOp, KvRange, KvStore} from "./store.js";

/** A KvStore in a sorted array, for tests. Batches apply synchronously, so they are all-or-nothing. */
export class MemoryKvStore implements KvStore {
  private readonly rows: {key: Uint8Array; value: Uint8Array}[] = [];

  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    const i = this.find(key);
    return i.found ? this.rows[i.at].value.slice() : undefined;
  }

  async batch(ops: KvOp[]): Promise<void> {
    for (const op of ops) {
      const i = this.find(op.key);
      if (op.type === "put") {
        const row = {key: op.key.slice(), value: op.value.slice()};
        if (i.found) this.rows[i.at] = row;
        else this.rows.splice(i.at, 0, row);
      } else if (i.found) {
        this.rows.splice(i.at, 1);
      }
    }
  }

  async *entries(range: KvRange): AsyncIterable<[Uint8Array, Uint8Array]> {
    for (const row of this.select(range)) yield [row.key.slice(), row.value.slice()];
  }

  async *keys(range: KvRange): AsyncIterable<Uint8Array> {
    for (const row of this.select(range)) yield row.key.slice();
  }

  async close(): Promise<void> {}

  private select(range: KvRange): {key: Uint8Array; value: Uint8Array}[] {
    const inRange = this.rows.filter(
      ({key}) =>
        (range.gte === undefined || compareBytes(key, range.gte) >= 0) &&
        (range.gt === undefined || compareBytes(key, range.gt) > 0) &&
        (range.lte === undefined || compareBytes(key, range.lte) <= 0) &&
        (range.lt === undefined || compareBytes(key, range.lt) < 0),
    );
    if (range.reverse) inRange.reverse();
    return range.limit !== undefined && range.limit >= 0 ? inRange.slice(0, range.limit) : inRange;
  }

  /** Binary search: the row's index, or where it would be inserted. */
  private find(key: Uint8Array): {found: boolean; at: number} {
    let lo = 0;
    let hi = this.rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareBytes(this.rows[mid].key, key);
      if (c === 0) return {found: true, at: mid};
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return {found: false, at: lo};
  }
}

/** Byte order, as LevelDB's default comparator sorts keys. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}
