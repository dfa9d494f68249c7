import type {Type} from "@chainsafe/ssz";
import type {ForkName} from "@hearth/params";
import {encodeForkedValue, readForkByte, sszBytesOf} from "../codec.js";
import {errorReason} from "../errors.js";
import {bucketName} from "../keys.js";
import type {Forked, ForkedBytes} from "../types.js";
import {Repository} from "./repository.js";

/**
 * A bucket of values whose SSZ type depends on the fork: each value is stored as fork byte + SSZ
 * and decoded with that fork's type.
 */
export abstract class ForkedRepository<K, V extends Forked<unknown>> extends Repository<K, V> {
  /** The SSZ type of this bucket's values at `fork`, or null when the bucket holds none of that fork. */
  protected abstract typeFor(fork: ForkName): Type<unknown> | null;

  /** The stored bytes and their fork, without an SSZ decode (for serving over the wire). */
  async getBytes(key: K): Promise<ForkedBytes | null> {
    const keyBytes = this.encodeKey(key);
    const raw = await this.core.get(this.bucket, keyBytes);
    return raw === null ? null : this.splitStored(keyBytes, raw);
  }

  protected encodeValue(v: V): Uint8Array {
    return encodeForkedValue(v.fork, this.typeAt(v.fork), v.value);
  }

  protected decodeValue(raw: Uint8Array): V {
    const fork = this.forkOf(raw);
    return {fork, value: this.typeAt(fork).deserialize(sszBytesOf(raw))} as V;
  }

  /** Checks the fork byte; the SSZ bytes are left to whoever decodes them. */
  protected splitStored(keyBytes: Uint8Array, raw: Uint8Array): ForkedBytes {
    try {
      const fork = this.forkOf(raw);
      this.typeAt(fork);
      return {fork, bytes: sszBytesOf(raw)};
    } catch (e) {
      throw this.corrupt(keyBytes, errorReason(e));
    }
  }

  protected forkOf(raw: Uint8Array): ForkName {
    const fork = readForkByte(raw);
    if (fork === null) {
      throw new Error(raw.length === 0 ? "empty value" : `unknown fork byte ${raw[0]}`);
    }
    return fork;
  }

  protected typeAt(fork: ForkName): Type<unknown> {
    const type = this.typeFor(fork);
    if (type === null) {
      // Plain Error: put reports it as INVALID_VALUE, get as CORRUPT_VALUE.
      throw new Error(`bucket ${bucketName(this.bucket)} holds no ${fork} values`);
    }
    return type;
  }
}
