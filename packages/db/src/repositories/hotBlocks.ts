import type {Type} from "@chainsafe/ssz";
import type {ForkName} from "@hearth/params";
import {sszTypesFor} from "@hearth/types";
import type {DbCore} from "../core.js";
import {Bucket, prefixRange, rootKey} from "../keys.js";
import type {ForkedSignedBeaconBlock} from "../types.js";
import {ForkedRepository} from "./forkedRepository.js";

/** Blocks not yet finalized, by block root (hash_tree_root of the BeaconBlock). */
export class HotBlockRepository extends ForkedRepository<Uint8Array, ForkedSignedBeaconBlock> {
  constructor(core: DbCore) {
    super(core, Bucket.hotBlock);
  }

  /** Every stored block root, in byte order: to rebuild fork choice at startup or to prune. */
  async *roots(): AsyncGenerator<Uint8Array> {
    for await (const key of this.core.keys(prefixRange(this.bucket))) yield key.slice(1);
  }

  protected encodeKey(root: Uint8Array): Uint8Array {
    return rootKey(root, "block root");
  }

  protected typeFor(fork: ForkName): Type<unknown> {
    return sszTypesFor(fork).SignedBeaconBlock as Type<unknown>;
  }
}
