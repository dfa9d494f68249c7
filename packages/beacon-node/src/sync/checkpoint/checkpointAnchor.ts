// A checkpoint anchor (weak-subjectivity sync, phase0 weak-subjectivity.md): a finalized state taken
// on trust, and its block when the source has it. One path for both sources, a file
// (--checkpointState) and a Beacon API (--checkpointSyncUrl): bytes in, a checked anchor out.
import {SLOTS_PER_EPOCH, type ForkName} from "@hearth/params";
import {bytesEqual, computeForkVersion, createForkSchedule, toHex, type ChainConfig} from "@hearth/config";
import {phase0} from "@hearth/types";
import {loadCachedBeaconState, type CachedBeaconState, type PubkeyCache, type SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {anchorBlockHeader, blockType, signedBlockType} from "../../chain/anchor.js";
import {CheckpointSyncError, CheckpointSyncErrorCode} from "./errors.js";

/** What BeaconNode's createAnchor returns for a checkpoint: the state, and its block when known. */
export interface CheckpointAnchor {
  state: CachedBeaconState;
  /** The block of the state's latest_block_header; null when the source had none (a state file alone). */
  block: SignedBeaconBlockAllForks | null;
  /** hash_tree_root of the anchor block (header), 0x-hex. */
  blockRoot: string;
}

/** Offset of `slot` in every fork's BeaconState: genesis_time (8) + genesis_validators_root (32). */
const SLOT_OFFSET = 40;

/** The slot of an SSZ BeaconState, read before knowing its fork (the fork follows from it). */
export function stateSlotFromBytes(bytes: Uint8Array): number {
  if (bytes.length < SLOT_OFFSET + 8) {
    throw new CheckpointSyncError(CheckpointSyncErrorCode.INVALID_STATE, {reason: `only ${bytes.length} bytes`});
  }
  const slot = new DataView(bytes.buffer, bytes.byteOffset + SLOT_OFFSET, 8).getBigUint64(0, true);
  if (slot > BigInt(Number.MAX_SAFE_INTEGER)) throw new CheckpointSyncError(CheckpointSyncErrorCode.INVALID_STATE, {reason: `slot ${slot} out of range`});
  return Number(slot);
}

/**
 * The state of `bytes`, of the fork the config schedules at its slot. `claimedFork` (a Beacon API's
 * Eth-Consensus-Version) must agree; the state's fork version must be the config's, so that a state
 * of another network is refused here rather than by the first block that does not apply.
 */
export function loadCheckpointState(bytes: Uint8Array, config: ChainConfig, opts: {claimedFork?: string; pubkeyCache?: PubkeyCache} = {}): CachedBeaconState {
  const slot = stateSlotFromBytes(bytes);
  const epoch = Math.floor(slot / SLOTS_PER_EPOCH);
  const fork: ForkName = createForkSchedule(config).forkAtEpoch(epoch);
  if (opts.claimedFork !== undefined && opts.claimedFork !== fork) {
    throw new CheckpointSyncError(CheckpointSyncErrorCode.FORK_MISMATCH, {slot, claimed: opts.claimedFork, scheduled: fork});
  }
  let state: CachedBeaconState;
  try {
    state = loadCachedBeaconState(fork, bytes, config, opts.pubkeyCache);
  } catch (e) {
    throw new CheckpointSyncError(CheckpointSyncErrorCode.INVALID_STATE, {slot, fork, reason: (e as Error).message});
  }
  const expected = computeForkVersion(config, epoch);
  const actual = state.state.fork.currentVersion;
  if (!bytesEqual(actual, expected)) {
    throw new CheckpointSyncError(CheckpointSyncErrorCode.WRONG_NETWORK, {slot, stateForkVersion: toHex(actual), configForkVersion: toHex(expected), config: config.CONFIG_NAME});
  }
  return state;
}

/** The root of the anchor block: the state's latest_block_header with its state root filled in. */
export function anchorBlockRoot(state: CachedBeaconState): Uint8Array {
  return phase0.BeaconBlockHeader.hashTreeRoot(anchorBlockHeader(state.state));
}

/** The SignedBeaconBlock of `bytes`, of the fork scheduled at its slot (read at the message's start). */
export function loadAnchorBlock(bytes: Uint8Array, fork: ForkName): SignedBeaconBlockAllForks {
  try {
    return signedBlockType(fork).deserialize(bytes);
  } catch (e) {
    throw new CheckpointSyncError(CheckpointSyncErrorCode.INVALID_BLOCK, {fork, reason: (e as Error).message});
  }
}

/**
 * Checks that `block` is the state's anchor block: same slot, same state root (the state's own
 * root when the state is at the block's slot), and the same root as the header. Returns the root.
 */
export function assertBlockMatchesState(state: CachedBeaconState, block: SignedBeaconBlockAllForks, blockFork?: ForkName): Uint8Array {
  const header = anchorBlockHeader(state.state);
  const msg = block.message;
  if (msg.slot !== header.slot) {
    throw new CheckpointSyncError(CheckpointSyncErrorCode.BLOCK_STATE_MISMATCH, {field: "slot", block: msg.slot, state: header.slot});
  }
  if (!bytesEqual(msg.stateRoot, header.stateRoot)) {
    throw new CheckpointSyncError(CheckpointSyncErrorCode.BLOCK_STATE_MISMATCH, {field: "state_root", block: toHex(msg.stateRoot), state: toHex(header.stateRoot)});
  }
  const expectedRoot = phase0.BeaconBlockHeader.hashTreeRoot(header);
  const fork = blockFork ?? createForkSchedule(state.config).forkAtEpoch(Math.floor(msg.slot / SLOTS_PER_EPOCH));
  const root = blockType(fork).hashTreeRoot(msg);
  if (!bytesEqual(root, expectedRoot)) {
    throw new CheckpointSyncError(CheckpointSyncErrorCode.BLOCK_STATE_MISMATCH, {field: "root", block: toHex(root), state: toHex(expectedRoot)});
  }
  return root;
}
