import {ListCompositeType, type Type} from "@chainsafe/ssz";
import {MAX_BLOB_COMMITMENTS_PER_BLOCK, isForkAtLeast, type ForkName} from "@hearth/params";
import {deneb, fulu} from "@hearth/types";
import type {DbBatch} from "../batch.js";
import type {DbCore} from "../core.js";
import {Bucket, concatBytes, prefixRange, readUint64Key, rootKey, uint64Key} from "../keys.js";
import type {ForkedBlobSidecars, ForkedDataColumnSidecar} from "../types.js";
import {ForkedRepository} from "./forkedRepository.js";

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

  protected encodeKey(k: DataColumnKey): Uint8Array {
    return concatBytes(rootKey(k.blockRoot, "block root"), uint64Key(k.index, "column index"));
  }

  protected typeFor(fork: ForkName): Type<unknown> | null {
    return isForkAtLeast(fork, "fulu") ? (fulu.DataColumnSidecar as Type<unknown>) : null;
  }
}
