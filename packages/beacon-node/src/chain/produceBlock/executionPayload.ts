// The payload of a block being produced (bellatrix validator.md "Execution Payload", with capella's
// withdrawals, deneb's parent beacon block root and blobs, electra's requests): forkchoiceUpdated
// with payload attributes on the parent's payload, then get_payload.
import {ForkSeq, type ForkName} from "@hearth/params";
import {bellatrix} from "@hearth/types";
import {
  computeTimeAtSlot,
  getExpectedWithdrawals,
  isMergeTransitionComplete,
  util,
  type BeaconStateBellatrix,
  type CachedBeaconState,
} from "@hearth/state-transition";
import type {electra} from "@hearth/types";
import type {BlobsBundle, ExecutionPayload, PayloadAttributes} from "../../execution/interface.js";
import {ChainError, ChainErrorCode, errorMessage} from "../errors.js";
import type {BeaconChain} from "../chain.js";
import {safeAndFinalizedHashes} from "../blocks/head.js";
import {ChainEvent} from "../emitter.js";
import {toHex} from "@hearth/config";

export interface ProducedPayload {
  executionPayload: ExecutionPayload;
  /** Wei to the fee recipient. */
  executionPayloadValue: bigint;
  blobsBundle?: BlobsBundle;
  executionRequests?: electra.ExecutionRequests;
}

/** prepare_execution_payload's attributes for a block at `preState.state.slot` on `parentRoot`. */
export function payloadAttributesFor(chain: BeaconChain, preState: CachedBeaconState, parentRoot: Uint8Array, feeRecipient: Uint8Array): PayloadAttributes {
  const {state} = preState;
  const seq = ForkSeq[preState.fork];
  const attributes: PayloadAttributes = {
    timestamp: computeTimeAtSlot(chain.config, state, state.slot),
    prevRandao: util.getRandaoMix(state, util.getCurrentEpoch(state)),
    suggestedFeeRecipient: feeRecipient,
  };
  if (seq >= ForkSeq.capella) attributes.withdrawals = getExpectedWithdrawals(preState).withdrawals;
  if (seq >= ForkSeq.deneb) attributes.parentBeaconBlockRoot = parentRoot;
  return attributes;
}

/** The event stream's payload_attributes: builders and relays learn what the engine is asked to build. */
function emitPayloadAttributes(chain: BeaconChain, fork: ForkName, preState: CachedBeaconState, parentRoot: Uint8Array, attributes: PayloadAttributes): void {
  if (chain.emitter.listenerCount(ChainEvent.payloadAttributes) === 0) return;
  const {state} = preState;
  const parent = (state as BeaconStateBellatrix).latestExecutionPayloadHeader;
  chain.emitter.emit(ChainEvent.payloadAttributes, {
    fork,
    proposerIndex: preState.epochCtx.getBeaconProposer(state, state.slot),
    proposalSlot: state.slot,
    parentBlockNumber: parent.blockNumber,
    parentBlockRoot: toHex(parentRoot),
    parentBlockHash: toHex(parent.blockHash),
    payloadAttributes: attributes,
  });
}

/**
 * The payload for a block on `preState` (advanced to the block's slot). Before the merge (a
 * bellatrix state without a payload yet) the default payload: no terminal block is sought here.
 */
export async function producePayload(chain: BeaconChain, fork: ForkName, preState: CachedBeaconState, parentRoot: Uint8Array, feeRecipient: Uint8Array): Promise<ProducedPayload> {
  const state = preState.state as BeaconStateBellatrix;
  if (ForkSeq[fork] === ForkSeq.bellatrix && !isMergeTransitionComplete(state)) {
    return {executionPayload: bellatrix.ExecutionPayload.defaultValue(), executionPayloadValue: 0n};
  }
  const engine = chain.executionEngine;
  if (engine === null) throw new ChainError(ChainErrorCode.EXECUTION_ENGINE_ERROR, {reason: "no execution engine configured"});
  const attributes = payloadAttributesFor(chain, preState, parentRoot, feeRecipient);
  emitPayloadAttributes(chain, fork, preState, parentRoot, attributes);
  const {safe, finalized} = safeAndFinalizedHashes(chain);
  try {
    const {payloadId, payloadStatus} = await engine.notifyForkchoiceUpdate(fork, state.latestExecutionPayloadHeader.blockHash, safe, finalized, attributes);
    if (payloadId === null) throw new Error(`no payload id (status ${payloadStatus.status})`);
    const result = await engine.getPayload(fork, payloadId);
    return {
      executionPayload: result.executionPayload,
      executionPayloadValue: result.blockValue,
      blobsBundle: result.blobsBundle,
      executionRequests: result.executionRequests,
    };
  } catch (e) {
    if (e instanceof ChainError) throw e;
    throw new ChainError(ChainErrorCode.EXECUTION_ENGINE_ERROR, {reason: errorMessage(e)});
  }
}
