// Block production (phase0..electra validator.md "Block proposal"): an unsigned block of the slot's
// fork on the current head, with the state's eth1 data, the pools' operations, the sync aggregate,
// the execution payload and its blobs and requests, and the state root of running it.
import {BitArray, type Type} from "@chainsafe/ssz";
import {ForkSeq, SYNC_COMMITTEE_SIZE, type ForkName} from "@hearth/params";
import {sszTypesFor, type altair} from "@hearth/types";
import {G2_POINT_AT_INFINITY, verifySignatureSets} from "@hearth/bls";
import {fromHex} from "@hearth/config";
import {
  cloneCachedState,
  getExpectedDepositCount,
  getSyncAggregateSignatureSet,
  processBlock,
  util,
  type BeaconBlockAllForks,
  type CachedBeaconState,
} from "@hearth/state-transition";
import type {BlobsBundle} from "../../execution/interface.js";
import {ChainError, ChainErrorCode, errorMessage} from "../errors.js";
import type {BeaconChain} from "../chain.js";
import {emptyOperations, selectOperations, type BlockOperations} from "./operations.js";
import {producePayload, type ProducedPayload} from "./executionPayload.js";

export interface ProduceBlockOpts {
  slot: number;
  /** The proposer's signature of the slot's epoch (the validator signs it). */
  randaoReveal: Uint8Array;
  /** 32 bytes; zero by default. */
  graffiti?: Uint8Array;
  /** 20 bytes; the chain's default fee recipient otherwise. */
  feeRecipient?: Uint8Array;
}

export interface ProducedBlock {
  fork: ForkName;
  block: BeaconBlockAllForks;
  /** Wei to the fee recipient (0 before the merge). */
  executionPayloadValue: bigint;
  /** Gwei the proposer gains by the block. */
  consensusBlockValue: bigint;
  /** deneb+: the blobs the block's commitments stand for, to publish as sidecars. */
  blobsBundle?: BlobsBundle;
}

export async function produceBlock(chain: BeaconChain, opts: ProduceBlockOpts): Promise<ProducedBlock> {
  const {slot} = opts;
  const head = (await chain.recomputeHead()).node;
  if (slot <= head.slot) throw new ChainError(ChainErrorCode.SLOT_OUT_OF_RANGE, {slot, headSlot: head.slot});
  if (slot > chain.clock.currentSlot + 1) throw new ChainError(ChainErrorCode.SLOT_OUT_OF_RANGE, {slot, currentSlot: chain.clock.currentSlot});
  const parentRoot = fromHex(head.blockRoot);
  let preState: CachedBeaconState;
  try {
    preState = await chain.regen.getPreState(head.blockRoot, slot);
  } catch (e) {
    throw new ChainError(ChainErrorCode.STATE_UNAVAILABLE, {parentRoot: head.blockRoot, reason: errorMessage(e)});
  }
  const fork = preState.fork;
  const seq = ForkSeq[fork];
  if (getExpectedDepositCount(preState) > 0) {
    // Deposits need the eth1 deposit tree, which this node does not follow.
    throw new ChainError(ChainErrorCode.PRODUCED_BLOCK_INVALID, {reason: "the state expects deposits this node cannot provide"});
  }

  const syncAggregate = seq >= ForkSeq.altair ? produceSyncAggregate(chain, preState, parentRoot) : null;
  const operations = selectOperations(preState, chain.attestationPool, chain.opPool);
  const payload = seq >= ForkSeq.bellatrix ? await producePayload(chain, fork, preState, parentRoot, opts.feeRecipient ?? chain.defaultFeeRecipient) : null;
  // The block's blobs make its own sidecars when it comes back for import (chain/dataAvailability).
  if (payload?.blobsBundle !== undefined) chain.dataAvailability.addLocalBlobsBundle(fork, payload.blobsBundle);
  const build = (ops: BlockOperations): BeaconBlockAllForks => ({
    slot,
    proposerIndex: util.getBeaconProposerIndex(preState),
    parentRoot,
    stateRoot: new Uint8Array(32),
    body: buildBody(fork, preState, opts, ops, payload, syncAggregate),
  }) as BeaconBlockAllForks;

  let block = build(operations);
  let postState: CachedBeaconState;
  try {
    postState = runBlock(preState, block);
  } catch (e) {
    // An operation that passed the scratch checks alone fails with the rest: drop them all rather than miss the slot.
    chain.logger.warn("Produced block invalid with its operations, producing without them", {slot, error: errorMessage(e)});
    block = build(emptyOperations());
    try {
      postState = runBlock(preState, block);
    } catch (e2) {
      throw new ChainError(ChainErrorCode.PRODUCED_BLOCK_INVALID, {slot, reason: errorMessage(e2)});
    }
  }
  block.stateRoot = postState.state.hashTreeRoot();
  const proposer = block.proposerIndex;
  const gain = postState.state.balances.get(proposer) - preState.state.balances.get(proposer);
  return {
    fork,
    block,
    executionPayloadValue: payload?.executionPayloadValue ?? 0n,
    consensusBlockValue: BigInt(Math.max(0, gain)),
    blobsBundle: payload?.blobsBundle,
  };
}

/** process_block on a copy, signatures aside (the block is not signed yet). */
function runBlock(preState: CachedBeaconState, block: BeaconBlockAllForks): CachedBeaconState {
  const post = cloneCachedState(preState);
  processBlock(post, block, {verifySignatures: false});
  return post;
}

/** The pool's sync aggregate for the parent, or the empty one if its signature would not verify. */
function produceSyncAggregate(chain: BeaconChain, preState: CachedBeaconState, parentRoot: Uint8Array): altair.SyncAggregate {
  const aggregate = chain.syncCommitteePools.getSyncAggregate(preState.state.slot - 1, parentRoot);
  try {
    const set = getSyncAggregateSignatureSet(preState, aggregate);
    if (set === null || verifySignatureSets([set])) return aggregate;
  } catch {
    // a member key that does not decode: fall through to the empty aggregate
  }
  chain.logger.warn("Pooled sync aggregate does not verify, producing an empty one", {slot: preState.state.slot});
  return {syncCommitteeBits: BitArray.fromBitLen(SYNC_COMMITTEE_SIZE), syncCommitteeSignature: G2_POINT_AT_INFINITY.slice()};
}

function buildBody(
  fork: ForkName,
  preState: CachedBeaconState,
  opts: ProduceBlockOpts,
  ops: BlockOperations,
  payload: ProducedPayload | null,
  syncAggregate: altair.SyncAggregate | null
): BeaconBlockAllForks["body"] {
  const seq = ForkSeq[fork];
  const bodyType = sszTypesFor(fork).BeaconBlockBody as unknown as Type<Record<string, unknown>>;
  const body = bodyType.defaultValue();
  body.randaoReveal = opts.randaoReveal;
  // Dev chains follow no eth1 chain: vote for what the state already has.
  body.eth1Data = preState.state.eth1Data.toValue();
  body.graffiti = opts.graffiti ?? new Uint8Array(32);
  body.proposerSlashings = ops.proposerSlashings;
  body.attesterSlashings = ops.attesterSlashings;
  body.attestations = ops.attestations;
  body.deposits = [];
  body.voluntaryExits = ops.voluntaryExits;
  if (syncAggregate !== null) body.syncAggregate = syncAggregate;
  if (payload !== null) body.executionPayload = payload.executionPayload;
  if (seq >= ForkSeq.capella) body.blsToExecutionChanges = ops.blsToExecutionChanges;
  if (seq >= ForkSeq.deneb) body.blobKzgCommitments = payload?.blobsBundle?.commitments ?? [];
  if (seq >= ForkSeq.electra) body.executionRequests = payload?.executionRequests ?? {deposits: [], withdrawals: [], consolidations: []};
  return body as unknown as BeaconBlockAllForks["body"];
}
