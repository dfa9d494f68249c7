import type {DbBatch} from "../batch.js";
import type {DbCore} from "../core.js";
import {DbError, DbErrorCode, errorReason} from "../errors.js";
import {bucketKey, bucketName, toHex, type Bucket} from "../keys.js";

/**
 * A typed view of one bucket: K is the caller's key, V the decoded value. Subclasses say how both
 * map to bytes; this class adds the store calls, the batch variants and the rule that a value
 * which does not decode is a CORRUPT_VALUE error naming bucket and key, never garbage.
 */
export abstract class Repository<K, V> {
  constructor(
    protected readonly core: DbCore,
    readonly bucket: Bucket,
  ) {}

  protected abstract encodeKey(key: K): Uint8Array;
  protected abstract encodeValue(value: V): Uint8Array;
  /** Decodes stored bytes; may throw anything, which get() reports as CORRUPT_VALUE. */
  protected abstract decodeValue(raw: Uint8Array): V;

  /** The value, or null when the key is absent. */
  async get(key: K): Promise<V | null> {
    const keyBytes = this.encodeKey(key);
    const raw = await this.core.get(this.bucket, keyBytes);
    return raw === null ? null : this.decodeStored(keyBytes, raw);
  }

  async has(key: K): Promise<boolean> {
    return this.core.has(this.bucket, this.encodeKey(key));
  }

  async put(key: K, value: V): Promise<void> {
    const keyBytes = this.encodeKey(key);
    const valueBytes = this.encodeChecked(keyBytes, value);
    await this.core.write([{type: "put", key: bucketKey(this.bucket, keyBytes), value: valueBytes}]);
  }

  async delete(key: K): Promise<void> {
    await this.core.write([{type: "del", key: bucketKey(this.bucket, this.encodeKey(key))}]);
  }

  batchPut(batch: DbBatch, key: K, value: V): void {
    batch.assertOwner(this.core);
    const keyBytes = this.encodeKey(key);
    batch.putRaw(this.bucket, keyBytes, this.encodeChecked(keyBytes, value));
  }

  batchDelete(batch: DbBatch, key: K): void {
    batch.assertOwner(this.core);
    batch.deleteRaw(this.bucket, this.encodeKey(key));
  }

  protected decodeStored(keyBytes: Uint8Array, raw: Uint8Array): V {
    try {
      return this.decodeValue(raw);
    } catch (e) {
      throw this.corrupt(keyBytes, errorReason(e));
    }
  }

  protected encodeChecked(keyBytes: Uint8Array, value: V): Uint8Array {
    try {
      return this.encodeValue(value);
    } catch (e) {
      if (e instanceof DbError) throw e;
      throw new DbError(DbErrorCode.INVALID_VALUE, {bucket: bucketName(this.bucket), key: toHex(keyBytes), reason: errorReason(e)});
    }
  }

  protected corrupt(keyBytes: Uint8Array, reason: string): DbError {
    return new DbError(DbErrorCode.CORRUPT_VALUE, {bucket: bucketName(this.bucket), key: toHex(keyBytes), reason});
  }
}
