import {ListCompositeType, type Type} from "@chainsafe/ssz";
import {MAX_BLOB_COMMITMENTS_PER_BLOCK, isForkAtLeast, type ForkName} from "@hearth/params";
import {deneb, fulu} from "@hearth/types";
import type {DbBatch} from "../batch.js";
import type {DbCore} from "../core.js";
import {Bucket, concatBytes, prefixRange, readUint64Key, rootKey, uint64Key} from "../keys.js";
import type {ForkedBlobSidecars, ForkedDataColumnSidecar} from "../types.js";
import {ForkedRepository} from "./forkedRepository.js";
import {sszBytesOf} from "../codec.js";

/**
 * Byte offset of signed_block_header.message.slot in a sidecar's SSZ: the fields before it are fixed
 * size or a 4-byte offset. Pruning reads the slot there instead of decoding 128 KiB blobs.
 */
function headerSlotOffset(type: {fieldsEntries: {fieldName: string; fieldType: {fixedSize: number | null}}[]}): number {
  let offset = 0;
  for (const {fieldName, fieldType} of type.fieldsEntries) {
    if (fieldName === "signedBlockHeader") return offset;
    offset += fieldType.fixedSize ?? 4;
  }
  throw new Error("sidecar type has no signedBlockHeader");
}

const BLOB_SIDECAR_SLOT_OFFSET = headerSlotOffset(deneb.BlobSidecar);
const DATA_COLUMN_SIDECAR_SLOT_OFFSET = headerSlotOffset(fulu.DataColumnSidecar);

/** The uint64 slot at `offset` of a stored value's SSZ, or null when the value is too short (corrupt: pruned too). */
function slotAt(raw: Uint8Array, offset: number): number | null {
  const ssz = sszBytesOf(raw);
  if (ssz.length < offset + 8) return null;
  const view = new DataView(ssz.buffer, ssz.byteOffset + offset, 8);
  return view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
}

/**
 * A block's blob sidecars as one SSZ list. The limit is the commitment limit, the most blobs any
 * fork allows in a block; BlobSidecar itself is unchanged from deneb through fulu.
 */
const BlobSidecarList = new ListCompositeType(deneb.BlobSidecar, MAX_BLOB_COMMITMENTS_PER_BLOCK);

/** Blob sidecars of a block (deneb+), by block root. */
export class BlobSidecarsRepository extends ForkedRepository<Uint8Array, ForkedBlobSidecars> {
  constructor(core: DbCore) {
    super(core, Bucket.blobSidecars);
  }

  /** Every block root with stored sidecars: for pruning past the retention window. */
  async *roots(): AsyncGenerator<Uint8Array> {
    for await (const key of this.core.keys(prefixRange(this.bucket))) yield key.slice(1);
  }

  /**
   * Deletes the sidecars of every block before `slot` (the retention window's start,
   * MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS). Returns how many blocks' sidecars went.
   */
  async pruneBelowSlot(slot: number): Promise<number> {
    const doomed: Uint8Array[] = [];
    for await (const [key, raw] of this.core.entries(prefixRange(this.bucket))) {
      // A list of fixed-size sidecars: the first one's header is at the start. An empty list has none.
      const sidecarSlot = slotAt(raw, BLOB_SIDECAR_SLOT_OFFSET);
      if (sidecarSlot === null || sidecarSlot < slot) doomed.push(key.slice());
    }
    // Entry keys carry the bucket byte already.
    await this.core.write(doomed.map((full) => ({type: "del" as const, key: full})));
    return doomed.length;
  }

  protected encodeKey(root: Uint8Array): Uint8Array {
    return rootKey(root, "block root");
  }

  protected typeFor(fork: ForkName): Type<unknown> | null {
    return isForkAtLeast(fork, "deneb") ? (BlobSidecarList as Type<unknown>) : null;
  }
}

/** A data column's place: the block root and the column index. */
export interface DataColumnKey {
  blockRoot: Uint8Array;
  index: number;
}

/**
 * Data column sidecars (fulu+), by (block root, column index): a node custodies some columns of a
 * block, so each is its own entry, and a prefix read returns a block's columns in index order.
 */
export class DataColumnSidecarRepository extends ForkedRepository<DataColumnKey, ForkedDataColumnSidecar> {
  constructor(core: DbCore) {
    super(core, Bucket.dataColumnSidecar);
  }

  /** The stored column indices of a block, ascending. */
  async indices(blockRoot: Uint8Array): Promise<number[]> {
    const out: number[] = [];
    for await (const key of this.core.keys(prefixRange(this.bucket, rootKey(blockRoot, "block root")))) {
      const index = readUint64Key(key, 33);
      if (index !== null) out.push(index);
    }
    return out;
  }

  /** Every stored column of a block, in index order. */
  async getAll(blockRoot: Uint8Array): Promise<ForkedDataColumnSidecar[]> {
    const out: ForkedDataColumnSidecar[] = [];
    for await (const [key, raw] of this.core.entries(prefixRange(this.bucket, rootKey(blockRoot, "block root")))) {
      out.push(this.decodeStored(key.subarray(1), raw));
    }
    return out;
  }

  /** Queues the deletion of every stored column of a block. */
  async batchDeleteAll(batch: DbBatch, blockRoot: Uint8Array): Promise<void> {
    for (const index of await this.indices(blockRoot)) this.batchDelete(batch, {blockRoot, index});
  }

  /**
   * Deletes every column of every block before `slot` (MIN_EPOCHS_FOR_DATA_COLUMN_SIDECARS_REQUESTS).
   * Returns how many columns went.
   */
  async pruneBelowSlot(slot: number): Promise<number> {
    const doomed: Uint8Array[] = [];
    for await (const [key, raw] of this.core.entries(prefixRange(this.bucket))) {
      const sidecarSlot = slotAt(raw, DATA_COLUMN_SIDECAR_SLOT_OFFSET);
      if (sidecarSlot === null || sidecarSlot < slot) doomed.push(key.slice());
    }
    await this.core.write(doomed.map((full) => ({type: "del" as const, key: full})));
    return doomed.length;
  }

  protected encodeKey(k: DataColumnKey): Uint8Array {
    return concatBytes(rootKey(k.blockRoot, "block root"), uint64Key(k.index, "column index"));
  }

  protected typeFor(fork: ForkName): Type<unknown> | null {
    return isForkAtLeast(fork, "fulu") ? (fulu.DataColumnSidecar as Type<unknown>) : null;
  }
}
