import type {DbCore} from "./core.js";
import {DbError, DbErrorCode} from "./errors.js";
import {bucketKey, type Bucket} from "./keys.js";
import type {KvOp} from "./kv/store.js";

/**
 * Puts and deletes collected across repositories and committed as one store batch: after a crash
 * at any point either all of them are on disk or none. Nothing is written before commit(), so a
 * batch that is dropped leaves the database untouched. Ops apply in order: a later op on the same
 * key wins.
 */
export class DbBatch {
  private readonly ops: KvOp[] = [];
  private committed = false;

  /** Created by Db.batch(). */
  constructor(private readonly core: DbCore) {}

  /** Number of queued ops. */
  get length(): number {
    return this.ops.length;
  }

  get isCommitted(): boolean {
    return this.committed;
  }

  /** Low level, for repositories: queue a put of raw bytes. Prefer a repository's batchPut. */
  putRaw(bucket: Bucket, key: Uint8Array, value: Uint8Array): void {
    this.assertWritable();
    this.ops.push({type: "put", key: bucketKey(bucket, key), value});
  }

  /** Low level, for repositories: queue a delete. Prefer a repository's batchDelete. */
  deleteRaw(bucket: Bucket, key: Uint8Array): void {
    this.assertWritable();
    this.ops.push({type: "del", key: bucketKey(bucket, key)});
  }

  /** Writes every queued op atomically. A batch commits once; later use throws BATCH_COMMITTED. */
  async commit(): Promise<void> {
    this.assertWritable();
    this.committed = true;
    await this.core.write(this.ops);
  }

  /** Throws unless this batch was made by the Db that owns `core`. */
  assertOwner(core: DbCore): void {
    if (core !== this.core) throw new DbError(DbErrorCode.BATCH_OTHER_DB);
  }

  private assertWritable(): void {
    if (this.committed) throw new DbError(DbErrorCode.BATCH_COMMITTED);
  }
}
