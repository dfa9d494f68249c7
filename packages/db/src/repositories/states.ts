import type {CompositeType, TreeViewDU, Type} from "@chainsafe/ssz";
import type {ForkName} from "@hearth/params";
import {sszTypesFor} from "@hearth/types";
import {encodeForkedView, sszBytesOf} from "../codec.js";
import type {DbCore} from "../core.js";
import {Bucket, concatBytes, prefixRange, readUint64Key, rootKey, uint64Key} from "../keys.js";
import type {ForkedBeaconState} from "../types.js";
import {ForkedRepository} from "./forkedRepository.js";

type AnyViewDU = TreeViewDU<CompositeType<unknown, unknown, unknown>>;
type ViewType = CompositeType<unknown, unknown, AnyViewDU>;

/** Beacon states stored from and read into tree-backed views (the form the state transition uses). */
abstract class StateRepository<K> extends ForkedRepository<K, ForkedBeaconState> {
  protected typeFor(fork: ForkName): Type<unknown> {
    return sszTypesFor(fork).BeaconState as Type<unknown>;
  }

  protected override encodeValue(v: ForkedBeaconState): Uint8Array {
    this.typeAt(v.fork);
    return encodeForkedView(v.fork, v.value as unknown as AnyViewDU);
  }

  protected override decodeValue(raw: Uint8Array): ForkedBeaconState {
    const fork = this.forkOf(raw);
    const type = this.typeAt(fork) as unknown as ViewType;
    return {fork, value: type.deserializeToViewDU(sszBytesOf(raw))} as ForkedBeaconState;
  }
}

/** Anchor states (genesis, or the state a checkpoint sync started from), by state root. */
export class AnchorStateRepository extends StateRepository<Uint8Array> {
  constructor(core: DbCore) {
    super(core, Bucket.anchorState);
  }

  protected encodeKey(stateRoot: Uint8Array): Uint8Array {
    return rootKey(stateRoot, "state root");
  }
}

/** A checkpoint: epoch and block root. */
export interface CheckpointKey {
  epoch: number;
  root: Uint8Array;
}

/**
 * Checkpoint states by (epoch, block root). The epoch leads the key in big-endian, so keys sort by
 * epoch: the latest is one reverse read and pruning below an epoch is a range.
 */
export class CheckpointStateRepository extends StateRepository<CheckpointKey> {
  constructor(core: DbCore) {
    super(core, Bucket.checkpointState);
  }

  /** Stored checkpoints in epoch order, with both epoch bounds inclusive. */
  async keys(opts: {fromEpoch?: number; toEpoch?: number; reverse?: boolean; limit?: number} = {}): Promise<CheckpointKey[]> {
    const all = prefixRange(this.bucket);
    const gte = opts.fromEpoch !== undefined ? concatBytes(all.gte, uint64Key(opts.fromEpoch, "epoch")) : all.gte;
    const lt = opts.toEpoch !== undefined ? prefixRange(this.bucket, uint64Key(opts.toEpoch, "epoch")).lt : all.lt;
    const out: CheckpointKey[] = [];
    for await (const key of this.core.keys({gte, lt, reverse: opts.reverse, limit: opts.limit})) {
      const epoch = readUint64Key(key, 1);
      // A key of another length cannot come from encodeKey: skip it rather than guess.
      if (epoch !== null && key.length === 1 + 8 + 32) out.push({epoch, root: key.slice(9)});
    }
    return out;
  }

  /** The checkpoint state of the highest epoch, or null when there is none. */
  async getLatest(): Promise<(CheckpointKey & {state: ForkedBeaconState}) | null> {
    const [latest] = await this.keys({reverse: true, limit: 1});
    if (latest === undefined) return null;
    const state = await this.get(latest);
    return state === null ? null : {...latest, state};
  }

  protected encodeKey(cp: CheckpointKey): Uint8Array {
    return concatBytes(uint64Key(cp.epoch, "epoch"), rootKey(cp.root, "checkpoint root"));
  }
}
