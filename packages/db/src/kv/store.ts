/** One write of an atomic batch. Keys and values are raw bytes; the bucket byte is already in the key. */
export type KvOp = {type: "put"; key: Uint8Array; value: Uint8Array} | {type: "del"; key: Uint8Array};

/** A key range in byte order; bounds are optional, as in LevelDB. */
export interface KvRange {
  gte?: Uint8Array;
  gt?: Uint8Array;
  lte?: Uint8Array;
  lt?: Uint8Array;
  limit?: number;
  reverse?: boolean;
}

/**
 * The ordered byte store under the Db. classic-level is the real one; the in-memory one lets other
 * packages' unit tests run a Db without a directory.
 */
export interface KvStore {
  get(key: Uint8Array): Promise<Uint8Array | undefined>;
  /** All ops or none: a crash at any point leaves the store as it was before, or with every op applied. */
  batch(ops: KvOp[]): Promise<void>;
  entries(range: KvRange): AsyncIterable<[Uint8Array, Uint8Array]>;
  keys(range: KvRange): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}
