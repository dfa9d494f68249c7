import {DbError, DbErrorCode, errorReason} from "./errors.js";
import {bucketKey, type Bucket} from "./keys.js";
import type {KvOp, KvRange, KvStore} from "./kv/store.js";

/**
 * The open store shared by every repository of one Db: it refuses work after close began, waits
 * for writes in flight before closing (so a SIGINT mid-commit still lands the whole batch), and
 * turns the store's failures into DbErrors.
 */
export class DbCore {
  private closing: Promise<void> | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly kv: KvStore) {}

  get isOpen(): boolean {
    return this.closing === null;
  }

  async get(bucket: Bucket, key: Uint8Array): Promise<Uint8Array | null> {
    const value = await this.track(this.kv.get(bucketKey(bucket, key)));
    return value ?? null;
  }

  /** True when the key exists, without reading its value (a state's value is hundreds of MB). */
  async has(bucket: Bucket, key: Uint8Array): Promise<boolean> {
    const full = bucketKey(bucket, key);
    for await (const _ of this.keys({gte: full, lte: full, limit: 1})) return true;
    return false;
  }

  /** Applies the ops as one atomic store batch. */
  async write(ops: KvOp[]): Promise<void> {
    if (ops.length === 0) return;
    await this.track(this.kv.batch(ops));
  }

  async *entries(range: KvRange): AsyncGenerator<[Uint8Array, Uint8Array]> {
    this.assertOpen();
    try {
      for await (const entry of this.kv.entries(range)) yield entry;
    } catch (e) {
      throw this.wrap(e);
    }
  }

  async *keys(range: KvRange): AsyncGenerator<Uint8Array> {
    this.assertOpen();
    try {
      for await (const key of this.kv.keys(range)) yield key;
    } catch (e) {
      throw this.wrap(e);
    }
  }

  /** Idempotent: every call returns the same promise, resolved once the store is closed. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await Promise.allSettled([...this.inFlight]);
      await this.kv.close();
    })();
    return this.closing;
  }

  assertOpen(): void {
    if (this.closing !== null) throw new DbError(DbErrorCode.CLOSED);
  }

  private async track<T>(op: Promise<T>): Promise<T> {
    this.assertOpen();
    this.inFlight.add(op);
    try {
      return await op;
    } catch (e) {
      throw this.wrap(e);
    } finally {
      this.inFlight.delete(op);
    }
  }

  private wrap(e: unknown): DbError {
    if (e instanceof DbError) return e;
    if (this.closing !== null) return new DbError(DbErrorCode.CLOSED, {reason: errorReason(e)});
    return new DbError(DbErrorCode.IO_ERROR, {reason: errorReason(e)});
  }
}
