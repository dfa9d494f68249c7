// process_execution_payload of bellatrix, capella, deneb, electra and fulu beacon-chain.md, with the
// merge predicates (is_execution_enabled) and the helpers the payload request is built from.
import {digest} from "@chainsafe/as-sha256";
import type {ValueOf} from "@chainsafe/ssz";
import {
  CONSOLIDATION_REQUEST_TYPE,
  DEPOSIT_REQUEST_TYPE,
  ForkSeq,
  GENESIS_SLOT,
  VERSIONED_HASH_VERSION_KZG,
  WITHDRAWAL_REQUEST_TYPE,
  type ForkName,
} from "@hearth/params";
import {bellatrix, capella, deneb, electra} from "@hearth/types";
import {getBlobParameters, type ChainConfig} from "@hearth/config";
import type {BeaconStateAllForks, BeaconStateBellatrix, CachedBeaconState, TransitionOptions} from "../types.js";
import {getCurrentEpoch} from "../util/epoch.js";
import {getRandaoMix} from "../util/seed.js";
import {bytesEqual} from "../util/bytes.js";

type ExecutionPayloadAllForks = bellatrix.ExecutionPayload | capella.ExecutionPayload | deneb.ExecutionPayload;

/** The body fields process_execution_payload reads; each fork's BeaconBlockBody from bellatrix on. */
export interface ExecutionBlockBody {
  executionPayload: ExecutionPayloadAllForks;
  blobKzgCommitments?: Uint8Array[];
  executionRequests?: electra.ExecutionRequests;
}

/** The default ExecutionPayloadHeader's root per header type: "no payload yet" before the merge. */
const emptyHeaderRoots = new Map<unknown, Uint8Array>();

/** is_merge_transition_complete */
export function isMergeTransitionComplete(state: BeaconStateBellatrix): boolean {
  const header = state.latestExecutionPayloadHeader;
  let emptyRoot = emptyHeaderRoots.get(header.type);
  if (emptyRoot === undefined) {
    emptyRoot = header.type.hashTreeRoot(header.type.defaultValue());
    emptyHeaderRoots.set(header.type, emptyRoot);
  }
  return !bytesEqual(header.hashTreeRoot(), emptyRoot);
}

/** is_merge_transition_block */
export function isMergeTransitionBlock(state: BeaconStateBellatrix, body: ExecutionBlockBody): boolean {
  return !isMergeTransitionComplete(state) && !bellatrix.ExecutionPayload.equals(body.executionPayload, bellatrix.ExecutionPayload.defaultValue());
}

/** is_execution_enabled (bellatrix; from capella on every block has a payload). */
export function isExecutionEnabled(cs: CachedBeaconState, body: ExecutionBlockBody): boolean {
  if (ForkSeq[cs.fork] >= ForkSeq.capella) return true;
  const state = cs.state as BeaconStateBellatrix;
  return isMergeTransitionBlock(state, body) || isMergeTransitionComplete(state);
}

/** compute_time_at_slot */
export function computeTimeAtSlot(config: ChainConfig, state: BeaconStateAllForks, slot: number): number {
  return state.genesisTime + Math.floor(((slot - GENESIS_SLOT) * config.SLOT_DURATION_MS) / 1000);
}

/** kzg_commitment_to_versioned_hash (deneb) */
export function kzgCommitmentToVersionedHash(kzgCommitment: Uint8Array): Uint8Array {
  const hash = digest(kzgCommitment);
  hash[0] = VERSIONED_HASH_VERSION_KZG;
  return hash;
}

/** get_execution_requests_list (electra): EIP-7685 encoding, type byte + SSZ, empty lists left out. */
export function getExecutionRequestsList(executionRequests: electra.ExecutionRequests): Uint8Array[] {
  const requests: [number, Uint8Array, number][] = [
    [DEPOSIT_REQUEST_TYPE, electra.DepositRequests.serialize(executionRequests.deposits), executionRequests.deposits.length],
    [WITHDRAWAL_REQUEST_TYPE, electra.WithdrawalRequests.serialize(executionRequests.withdrawals), executionRequests.withdrawals.length],
    [CONSOLIDATION_REQUEST_TYPE, electra.ConsolidationRequests.serialize(executionRequests.consolidations), executionRequests.consolidations.length],
  ];
  const out: Uint8Array[] = [];
  for (const [type, data, count] of requests) {
    if (count === 0) continue;
    const encoded = new Uint8Array(1 + data.length);
    encoded[0] = type;
    encoded.set(data, 1);
    out.push(encoded);
  }
  return out;
}

/** The most blob commitments a block may carry: a config value in deneb and electra, the blob schedule from fulu. */
function maxBlobsPerBlock(cs: CachedBeaconState): number {
  const seq = ForkSeq[cs.fork];
  if (seq >= ForkSeq.fulu) return getBlobParameters(cs.config, getCurrentEpoch(cs.state)).maxBlobsPerBlock;
  if (seq >= ForkSeq.electra) return cs.config.MAX_BLOBS_PER_BLOCK_ELECTRA;
  return cs.config.MAX_BLOBS_PER_BLOCK;
}

/** The ExecutionPayloadHeader cached in the state: the payload with its lists replaced by their roots. */
function payloadToHeader(fork: ForkName, payload: ExecutionPayloadAllForks): ValueOf<typeof deneb.ExecutionPayloadHeader> {
  const header = {
    parentHash: payload.parentHash,
    feeRecipient: payload.feeRecipient,
    stateRoot: payload.stateRoot,
    receiptsRoot: payload.receiptsRoot,
    logsBloom: payload.logsBloom,
    prevRandao: payload.prevRandao,
    blockNumber: payload.blockNumber,
    gasLimit: payload.gasLimit,
    gasUsed: payload.gasUsed,
    timestamp: payload.timestamp,
    extraData: payload.extraData,
    baseFeePerGas: payload.baseFeePerGas,
    blockHash: payload.blockHash,
    transactionsRoot: bellatrix.Transactions.hashTreeRoot(payload.transactions),
  } as ValueOf<typeof deneb.ExecutionPayloadHeader>;
  const seq = ForkSeq[fork];
  if (seq >= ForkSeq.capella) header.withdrawalsRoot = capella.Withdrawals.hashTreeRoot((payload as capella.ExecutionPayload).withdrawals);
  if (seq >= ForkSeq.deneb) {
    header.blobGasUsed = (payload as deneb.ExecutionPayload).blobGasUsed;
    header.excessBlobGas = (payload as deneb.ExecutionPayload).excessBlobGas;
  }
  return header;
}

/** process_execution_payload */
export function processExecutionPayload(cs: CachedBeaconState, body: ExecutionBlockBody, opts: TransitionOptions = {}): void {
  const {fork} = cs;
  const seq = ForkSeq[fork];
  const state = cs.state as BeaconStateBellatrix;
  const payload = body.executionPayload;

  // Verify consistency of the parent hash with respect to the previous execution payload header
  // (bellatrix skips it for the merge transition block, which has no execution parent here).
  if ((seq >= ForkSeq.capella || isMergeTransitionComplete(state)) && !bytesEqual(payload.parentHash, state.latestExecutionPayloadHeader.blockHash)) {
    throw new Error("process_execution_payload: parent_hash does not match the latest execution payload header");
  }
  if (!bytesEqual(payload.prevRandao, getRandaoMix(state, getCurrentEpoch(state)))) {
    throw new Error("process_execution_payload: prev_randao does not match the current randao mix");
  }
  const expectedTime = computeTimeAtSlot(cs.config, state, state.slot);
  if (payload.timestamp !== expectedTime) {
    throw new Error(`process_execution_payload: timestamp ${payload.timestamp} is not the slot's time ${expectedTime}`);
  }

  let versionedHashes: Uint8Array[] | undefined;
  if (seq >= ForkSeq.deneb) {
    const commitments = body.blobKzgCommitments ?? [];
    const max = maxBlobsPerBlock(cs);
    if (commitments.length > max) throw new Error(`process_execution_payload: ${commitments.length} blob commitments over the limit ${max}`);
    versionedHashes = commitments.map(kzgCommitmentToVersionedHash);
  }

  const engine = opts.executionEngine;
  if (engine) {
    const valid = engine.verifyAndNotifyNewPayload({
      fork,
      executionPayload: payload,
      versionedHashes,
      parentBeaconBlockRoot: seq >= ForkSeq.deneb ? state.latestBlockHeader.parentRoot : undefined,
      executionRequests: seq >= ForkSeq.electra && body.executionRequests ? getExecutionRequestsList(body.executionRequests) : undefined,
    });
    if (!valid) throw new Error("process_execution_payload: the execution engine rejected the payload");
  }

  const headerType = (seq >= ForkSeq.deneb ? deneb : seq >= ForkSeq.capella ? capella : bellatrix).ExecutionPayloadHeader;
  // The header type matches the state's fork; the union of the forks' header views cannot say so.
  (state as {latestExecutionPayloadHeader: unknown}).latestExecutionPayloadHeader = headerType.toViewDU(payloadToHeader(fork, payload));
}
