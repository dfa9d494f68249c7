// The import pipeline (DESIGN.md "How data flows"), one path for every source: verifyBlock, then
// fork choice, the block's attestations and attester slashings as votes, the state caches, the DB,
// the head and the events. A block reaches fork choice only after its transition succeeded and the
// DB only after fork choice accepted it.
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {toHex} from "@hearth/config";
import {util, type CachedBeaconState, type SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {ExecutionStatus, getJustifiedBalances, type Checkpoint, type ProtoBlock, type ProtoNode} from "@hearth/fork-choice";
import type {SignatureSet} from "@hearth/bls";
import type {phase0} from "@hearth/types";
import {BlockError, BlockErrorCode, errorMessage} from "../errors.js";
import {ChainEvent} from "../emitter.js";
import {checkpointKey} from "../stateCache/checkpointStateCache.js";
import type {BeaconChain} from "../chain.js";
import {verifyBlock, type VerifiedBlock} from "./verifyBlock.js";
import {updateHead} from "./head.js";
import {onCheckpointsChanged} from "../finalization.js";

export type BlockSource = "local" | "api" | "gossip" | "sync" | "db";

export interface ImportBlockOpts {
  source: BlockSource;
  /** The block's signatures were verified before (a DB replay): skip the batch. */
  validSignatures?: boolean;
  /** The caller holds the blobs the block commits to (deneb+): is_data_available. */
  dataAvailable?: boolean;
  /** Internal (importSegment.ts): collect the block's signature sets here instead of verifying them. */
  signatureSets?: SignatureSet[];
  /** Internal (importSegment.ts): the block's parent, verified earlier in the same segment and not yet in fork choice. */
  segmentParent?: Pick<ProtoBlock, "blockRoot" | "slot" | "executionStatus"> & {finalizedDescendant: boolean};
}

export interface ImportBlockResult {
  blockRoot: string;
  slot: number;
  executionStatus: ExecutionStatus;
  /** The head after the import (the block itself, or another branch's). */
  head: ProtoNode;
}

type AttestationLike = Parameters<typeof util.getAttestingIndices>[1];
interface AttesterSlashingLike {
  attestation1: phase0.IndexedAttestation;
  attestation2: phase0.IndexedAttestation;
}

export async function processBlock(chain: BeaconChain, signedBlock: SignedBeaconBlockAllForks, opts: ImportBlockOpts): Promise<ImportBlockResult> {
  const verified = await verifyBlock(chain, signedBlock, opts);
  const node = await importVerifiedBlock(chain, verified, opts);
  // the event and the head update in one go: a listener woken by the event sees the new head
  emitBlockEvent(chain, verified, node);
  await updateHead(chain);
  await onCheckpointsChanged(chain);
  chain.logger.debug("Block imported", {slot: node.slot, root: verified.blockRootHex, source: opts.source, head: chain.head.node.blockRoot});
  return {blockRoot: verified.blockRootHex, slot: node.slot, executionStatus: node.executionStatus, head: chain.head.node};
}

/**
 * A verified block into fork choice (its votes too), the state cache and the DB; the block event and
 * the head are the caller's. Rejects with FORK_CHOICE_ERROR, after which nothing changed.
 */
export async function importVerifiedBlock(chain: BeaconChain, verified: VerifiedBlock, opts: ImportBlockOpts): Promise<ProtoNode> {
  await prepareJustifiedBalances(chain, verified);
  const fc = chain.forkChoice;

  let node: ProtoNode;
  try {
    node = fc.onBlock(verified.protoBlock);
  } catch (e) {
    throw new BlockError(BlockErrorCode.FORK_CHOICE_ERROR, {root: verified.blockRootHex, reason: errorMessage(e)});
  }
  // From here on the block is in the chain: what follows may log, never reject.
  applyBlockVotes(chain, verified);
  chain.blockStates.add(verified.blockRootHex, verified.postState);
  await writeBlock(chain, verified, opts);
  return node;
}

/** The block event of an imported block. */
export function emitBlockEvent(chain: BeaconChain, verified: VerifiedBlock, node: ProtoNode): void {
  chain.emitter.emit(ChainEvent.block, {
    slot: verified.signedBlock.message.slot,
    block: verified.blockRootHex,
    executionOptimistic: node.executionStatus === ExecutionStatus.Syncing,
  });
}

/**
 * The justified balances fork choice may ask for while taking the block (a newly justified or
 * pulled-up checkpoint), computed now while regeneration may still wait for the DB.
 */
async function prepareJustifiedBalances(chain: BeaconChain, verified: VerifiedBlock): Promise<void> {
  const {protoBlock} = verified;
  for (const cp of [protoBlock.justified, protoBlock.unrealizedJustified]) {
    const key = checkpointKey(cp);
    if (chain.justifiedBalances.has(key) || cp.epoch <= chain.forkChoice.justifiedCheckpoint.epoch) continue;
    try {
      chain.justifiedBalances.set(key, getJustifiedBalances(await checkpointStateFor(chain, verified, cp)));
    } catch (e) {
      chain.logger.warn("No state for a justified checkpoint", {epoch: cp.epoch, root: cp.root, error: errorMessage(e)});
    }
  }
}

/** A checkpoint state; the block's own pre- or post-state when the checkpoint is the block itself. */
async function checkpointStateFor(chain: BeaconChain, verified: VerifiedBlock, cp: Checkpoint): Promise<CachedBeaconState> {
  const startSlot = util.computeStartSlotAtEpoch(cp.epoch);
  if (cp.root === verified.blockRootHex && verified.postState.state.slot === startSlot) return verified.postState;
  return chain.regen.getCheckpointState(cp);
}

/** The block's attestations and attester slashings as fork-choice votes (on_attestation with is_from_block). */
function applyBlockVotes(chain: BeaconChain, verified: VerifiedBlock): void {
  const body = verified.signedBlock.message.body as unknown as {attestations: AttestationLike[]; attesterSlashings: AttesterSlashingLike[]};
  const fc = chain.forkChoice;
  for (const attestation of body.attestations) {
    const {data} = attestation;
    try {
      const indices = util.getAttestingIndices(verified.preState, attestation);
      fc.onAttestation({slot: data.slot, beaconBlockRoot: toHex(data.beaconBlockRoot), target: {epoch: data.target.epoch, root: toHex(data.target.root)}}, indices, true);
    } catch (e) {
      // a vote for a block fork choice does not hold (pruned, or never seen) only loses its weight
      chain.logger.debug("Block attestation not applied to fork choice", {slot: data.slot, error: errorMessage(e)});
    }
  }
  for (const slashing of body.attesterSlashings) {
    try {
      fc.onAttesterSlashing(slashing);
    } catch (e) {
      chain.logger.debug("Block attester slashing not applied to fork choice", {error: errorMessage(e)});
    }
  }
}

/** The block, and at an epoch's first block the checkpoint state it was applied to. */
async function writeBlock(chain: BeaconChain, verified: VerifiedBlock, opts: ImportBlockOpts): Promise<void> {
  if (opts.source === "db") return;
  const {signedBlock, blockRoot} = verified;
  try {
    await chain.db.putBlock(blockRoot, signedBlock);
    // The block's sidecars, kept for peers and the API (chain/dataAvailability); logs its own failures.
    await chain.dataAvailability.onBlockImported(verified.availableData);
    const parentSlot = chain.forkChoice.getBlock(toHex(signedBlock.message.parentRoot))?.slot ?? 0;
    const epoch = util.computeEpochAtSlot(signedBlock.message.slot);
    if (epoch > util.computeEpochAtSlot(parentSlot)) {
      const cpState = chain.checkpointStates.get({epoch, root: toHex(signedBlock.message.parentRoot)});
      if (cpState !== undefined && cpState.state.slot === epoch * SLOTS_PER_EPOCH) {
        await chain.db.putCheckpointState({epoch, root: signedBlock.message.parentRoot}, {fork: cpState.fork, state: cpState.state});
      }
    }
  } catch (e) {
    chain.logger.error("Block not written to the DB", {root: verified.blockRootHex, error: errorMessage(e)});
  }
}
