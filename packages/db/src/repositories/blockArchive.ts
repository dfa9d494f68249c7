import type {Type} from "@chainsafe/ssz";
import type {ForkName} from "@hearth/params";
import {sszTypesFor} from "@hearth/types";
import type {DbBatch} from "../batch.js";
import type {DbCore} from "../core.js";
import {Bucket, bucketKey, prefixRange, readUint64Key, rootKey, uint64Key} from "../keys.js";
import type {KvOp} from "../kv/store.js";
import type {ForkedBytes, ForkedSignedBeaconBlock} from "../types.js";
import {ForkedRepository} from "./forkedRepository.js";
import {Repository} from "./repository.js";

/** A slot range: both ends inclusive; `limit` caps the count, `reverse` reads from toSlot down. */
export interface SlotRange {
  fromSlot?: number;
  toSlot?: number;
  limit?: number;
  reverse?: boolean;
}

class BlockBySlot extends ForkedRepository<number, ForkedSignedBeaconBlock> {
  protected encodeKey(slot: number): Uint8Array {
    return uint64Key(slot, "slot");
  }
  protected typeFor(fork: ForkName): Type<unknown> {
    return sszTypesFor(fork).SignedBeaconBlock as Type<unknown>;
  }
  /** Raw entries in a slot range, each checked for a readable fork byte. */
  async *range(r: SlotRange): AsyncGenerator<{keyBytes: Uint8Array; raw: Uint8Array}> {
    const all = prefixRange(this.bucket);
    const gte = r.fromSlot !== undefined ? bucketKey(this.bucket, uint64Key(r.fromSlot, "fromSlot")) : all.gte;
    const lte = r.toSlot !== undefined ? bucketKey(this.bucket, uint64Key(r.toSlot, "toSlot")) : undefined;
    const range = lte !== undefined ? {gte, lte} : {gte, lt: all.lt};
    for await (const [key, raw] of this.core.entries({...range, limit: r.limit, reverse: r.reverse})) {
      yield {keyBytes: key.subarray(1), raw};
    }
  }
  decode(keyBytes: Uint8Array, raw: Uint8Array): ForkedSignedBeaconBlock {
    return this.decodeStored(keyBytes, raw);
  }
  split(keyBytes: Uint8Array, raw: Uint8Array): ForkedBytes {
    return this.splitStored(keyBytes, raw);
  }
  encodeForPut(keyBytes: Uint8Array, block: ForkedSignedBeaconBlock): Uint8Array {
    return this.encodeChecked(keyBytes, block);
  }
}

class SlotByRoot extends Repository<Uint8Array, number> {
  protected encodeKey(root: Uint8Array): Uint8Array {
    return rootKey(root, "block root");
  }
  protected encodeValue(slot: number): Uint8Array {
    return uint64Key(slot, "slot");
  }
  protected decodeValue(raw: Uint8Array): number {
    const slot = raw.length === 8 ? readUint64Key(raw) : null;
    if (slot === null) throw new Error(`slot index value of ${raw.length} bytes`);
    return slot;
  }
}

/**
 * Finalized blocks by slot, with a block root → slot index beside them. A block and its index entry
 * are always written in one batch, so neither exists without the other.
 */
export class BlockArchiveRepository {
  private readonly bySlot: BlockBySlot;
  private readonly slotByRoot: SlotByRoot;

  constructor(private readonly core: DbCore) {
    this.bySlot = new BlockBySlot(core, Bucket.blockArchive);
    this.slotByRoot = new SlotByRoot(core, Bucket.blockArchiveRootIndex);
  }

  get(slot: number): Promise<ForkedSignedBeaconBlock | null> {
    return this.bySlot.get(slot);
  }

  getBytes(slot: number): Promise<ForkedBytes | null> {
    return this.bySlot.getBytes(slot);
  }

  has(slot: number): Promise<boolean> {
    return this.bySlot.has(slot);
  }

  getSlotByRoot(root: Uint8Array): Promise<number | null> {
    return this.slotByRoot.get(root);
  }

  async getByRoot(root: Uint8Array): Promise<ForkedSignedBeaconBlock | null> {
    const slot = await this.slotByRoot.get(root);
    return slot === null ? null : this.bySlot.get(slot);
  }

  /** Archives `block` (whose root the caller computed) at its slot. */
  async put(root: Uint8Array, block: ForkedSignedBeaconBlock): Promise<void> {
    const ops: KvOp[] = [];
    this.collectPut(root, block, (bucket, key, value) => ops.push({type: "put", key: bucketKey(bucket, key), value}));
    await this.core.write(ops);
  }

  batchPut(batch: DbBatch, root: Uint8Array, block: ForkedSignedBeaconBlock): void {
    batch.assertOwner(this.core);
    this.collectPut(root, block, (bucket, key, value) => batch.putRaw(bucket, key, value));
  }

  async delete(slot: number, root: Uint8Array): Promise<void> {
    const slotKey = uint64Key(slot, "slot");
    const index = rootKey(root, "block root");
    await this.core.write([
      {type: "del", key: bucketKey(Bucket.blockArchive, slotKey)},
      {type: "del", key: bucketKey(Bucket.blockArchiveRootIndex, index)},
    ]);
  }

  batchDelete(batch: DbBatch, slot: number, root: Uint8Array): void {
    this.bySlot.batchDelete(batch, slot);
    this.slotByRoot.batchDelete(batch, root);
  }

  /** Archived blocks in slot order (or reverse), decoded. */
  async getRange(r: SlotRange = {}): Promise<ForkedSignedBeaconBlock[]> {
    const out: ForkedSignedBeaconBlock[] = [];
    for await (const {keyBytes, raw} of this.bySlot.range(r)) out.push(this.bySlot.decode(keyBytes, raw));
    return out;
  }

  /** Archived blocks in slot order as stored SSZ bytes with their fork: for serving by range. */
  async getRangeBytes(r: SlotRange = {}): Promise<ForkedBytes[]> {
    const out: ForkedBytes[] = [];
    for await (const {keyBytes, raw} of this.bySlot.range(r)) out.push(this.bySlot.split(keyBytes, raw));
    return out;
  }

  /** Highest archived slot, or null when the archive is empty. */
  async lastSlot(): Promise<number | null> {
    const all = prefixRange(Bucket.blockArchive);
    for await (const key of this.core.keys({...all, reverse: true, limit: 1})) return readUint64Key(key, 1);
    return null;
  }

  private collectPut(
    root: Uint8Array,
    block: ForkedSignedBeaconBlock,
    put: (bucket: Bucket, key: Uint8Array, value: Uint8Array) => void,
  ): void {
    const index = rootKey(root, "block root");
    // Encode before reading the slot or queueing anything: a value that is not its fork's block
    // fails here as INVALID_VALUE (named by its root) and leaves nothing half-queued in a batch.
    const value = this.bySlot.encodeForPut(index, block);
    const slotKey = uint64Key(block.value.message.slot, "block slot");
    put(Bucket.blockArchive, slotKey, value);
    put(Bucket.blockArchiveRootIndex, index, slotKey);
  }
}
