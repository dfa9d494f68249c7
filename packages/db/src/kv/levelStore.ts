import {mkdir} from "node:fs/promises";
import {DbError, DbErrorCode, errorReason} from "../errors.js";
import type {KvOp, KvRange, KvStore} from "./store.js";

/** The part of classic-level's database (abstract-level 3) this adapter uses. */
interface LevelDatabase {
  open(): Promise<void>;
  get(key: Uint8Array): Promise<Uint8Array | undefined>;
  batch(ops: KvOp[], opts: {sync: boolean}): Promise<void>;
  iterator(opts: KvRange): AsyncIterable<[Uint8Array, Uint8Array]>;
  keys(opts: KvRange): AsyncIterable<Uint8Array>;
  close(): Promise<void>;
}
type LevelConstructor = new (location: string, opts: {keyEncoding: "view"; valueEncoding: "view"}) => LevelDatabase;

export interface LevelKvStoreOptions {
  /** fsync each batch: survives power loss, not only a process crash, at the cost of write latency. */
  sync?: boolean;
}

/** A KvStore over one classic-level (LevelDB) database in a directory. */
export class LevelKvStore implements KvStore {
  private constructor(
    private readonly db: LevelDatabase,
    private readonly sync: boolean,
  ) {}

  /** Opens (creating when missing) the database at `path`; throws LOCKED when another process has it. */
  static async open(path: string, opts: LevelKvStoreOptions = {}): Promise<LevelKvStore> {
    const ClassicLevel = await loadClassicLevel();
    try {
      await mkdir(path, {recursive: true});
      const db = new ClassicLevel(path, {keyEncoding: "view", valueEncoding: "view"});
      await db.open();
      return new LevelKvStore(db, opts.sync ?? false);
    } catch (e) {
      const code = isLocked(e) ? DbErrorCode.LOCKED : DbErrorCode.OPEN_FAILED;
      throw new DbError(code, {path, reason: errorReason((e as {cause?: unknown}).cause ?? e)});
    }
  }

  async get(key: Uint8Array): Promise<Uint8Array | undefined> {
    const value = await this.db.get(key);
    return value === undefined ? undefined : plainBytes(value);
  }

  batch(ops: KvOp[]): Promise<void> {
    // A LevelDB write batch is one log record with a checksum: replay after a crash applies all or none.
    return this.db.batch(ops, {sync: this.sync});
  }

  async *entries(range: KvRange): AsyncIterable<[Uint8Array, Uint8Array]> {
    for await (const [key, value] of this.db.iterator(levelRange(range))) yield [plainBytes(key), plainBytes(value)];
  }

  async *keys(range: KvRange): AsyncIterable<Uint8Array> {
    for await (const key of this.db.keys(levelRange(range))) yield plainBytes(key);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/**
 * Loaded on first open rather than at import, so that code importing @hearth/db only for its types
 * or its in-memory store never loads the native addon.
 */
async function loadClassicLevel(): Promise<LevelConstructor> {
  const specifier = "classic-level";
  try {
    const mod = (await import(specifier)) as {ClassicLevel: LevelConstructor};
    return mod.ClassicLevel;
  } catch (e) {
    throw new DbError(DbErrorCode.OPEN_FAILED, {reason: `cannot load classic-level: ${errorReason(e)}`});
  }
}

/** abstract-level encodes a range option that is present even when undefined: pass only the set ones. */
function levelRange(range: KvRange): KvRange {
  const out: KvRange = {};
  for (const k of ["gte", "gt", "lte", "lt", "limit", "reverse"] as const) {
    if (range[k] !== undefined) (out as Record<string, unknown>)[k] = range[k];
  }
  return out;
}

/**
 * classic-level hands out Buffers even for the "view" encoding. A Buffer's slice() is a view where a
 * Uint8Array's is a copy, so SSZ values decoded from a Buffer would keep the whole stored value
 * alive through their byte fields; a plain Uint8Array over the same memory avoids that, without a copy.
 */
function plainBytes(b: Uint8Array): Uint8Array {
  return Buffer.isBuffer(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : b;
}

function isLocked(e: unknown): boolean {
  const cause = (e as {cause?: {code?: unknown}} | null)?.cause;
  return cause?.code === "LEVEL_LOCKED" || /lock/i.test(errorReason(cause ?? e));
}
