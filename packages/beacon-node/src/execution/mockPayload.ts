// Payloads of the built-in mock engine and the dev chain's execution genesis. The consensus layer never
// recomputes a block hash, so the mock's hash only has to be unique per payload: it is the payload's
// hash_tree_root with block_hash zeroed.
import {createHash} from "node:crypto";
import type {Type} from "@chainsafe/ssz";
import {ForkSeq, type ForkName} from "@hearth/params";
import {bellatrix, capella, deneb} from "@hearth/types";
import type {ExecutionPayload, PayloadAttributes} from "./interface.js";

export const MOCK_GAS_LIMIT = 30_000_000;
/** Where EIP-1559 leaves the base fee of a chain of empty blocks: below 8 wei a 1/8 decrease rounds to nothing. */
export const MOCK_BASE_FEE_PER_GAS = 7n;
/** The mock's execution genesis: block 0 with this hash, unless the dev chain sets another. */
export const DEFAULT_MOCK_GENESIS_BLOCK_HASH: Uint8Array = new Uint8Array(
  createHash("sha256").update("hearth mock execution genesis").digest(),
);

/** The fork's ExecutionPayload SSZ type (electra and fulu keep deneb's). */
export function executionPayloadType(fork: ForkName): Type<ExecutionPayload> {
  const seq = ForkSeq[fork];
  const type = seq >= ForkSeq.deneb ? deneb.ExecutionPayload : seq >= ForkSeq.capella ? capella.ExecutionPayload : bellatrix.ExecutionPayload;
  return type as unknown as Type<ExecutionPayload>;
}

export type ExecutionPayloadHeader = bellatrix.ExecutionPayloadHeader | capella.ExecutionPayloadHeader | deneb.ExecutionPayloadHeader;

/** The fork's ExecutionPayloadHeader SSZ type. */
export function executionPayloadHeaderType(fork: ForkName): Type<ExecutionPayloadHeader> {
  const seq = ForkSeq[fork];
  const type = seq >= ForkSeq.deneb ? deneb.ExecutionPayloadHeader : seq >= ForkSeq.capella ? capella.ExecutionPayloadHeader : bellatrix.ExecutionPayloadHeader;
  return type as unknown as Type<ExecutionPayloadHeader>;
}

/** The mock's block hash for `payload`: unique per content, so two payloads on one parent never collide. */
export function mockBlockHash(fork: ForkName, payload: ExecutionPayload): Uint8Array {
  return executionPayloadType(fork).hashTreeRoot({...payload, blockHash: new Uint8Array(32)});
}

export interface MockParent {
  blockHash: Uint8Array;
  blockNumber: number;
}

/** The payload the mock builds on `parent` from `attrs`: empty, with the attributes' fields (execution-apis paris.md "Payload building"). */
export function buildMockPayload(
  fork: ForkName,
  parent: MockParent,
  attrs: PayloadAttributes,
  blobs: {transactions: Uint8Array[]; blobGasUsed: number} = {transactions: [], blobGasUsed: 0},
): ExecutionPayload {
  const payload = executionPayloadType(fork).defaultValue() as ExecutionPayload & Record<string, unknown>;
  payload.parentHash = parent.blockHash;
  payload.feeRecipient = attrs.suggestedFeeRecipient;
  payload.prevRandao = attrs.prevRandao;
  payload.blockNumber = parent.blockNumber + 1;
  payload.gasLimit = MOCK_GAS_LIMIT;
  payload.timestamp = attrs.timestamp;
  payload.baseFeePerGas = MOCK_BASE_FEE_PER_GAS;
  // state_root, receipts_root, logs_bloom, gas_used, blob gas fields stay zero: no transactions ran.
  if (ForkSeq[fork] >= ForkSeq.capella) payload.withdrawals = attrs.withdrawals ?? [];
  // deneb+: the mock's blob transactions (mockBlobs.ts), one per blob.
  if (ForkSeq[fork] >= ForkSeq.deneb) {
    payload.transactions = blobs.transactions;
    (payload as deneb.ExecutionPayload).blobGasUsed = blobs.blobGasUsed;
  }
  payload.blockHash = mockBlockHash(fork, payload);
  return payload;
}

/**
 * The latest_execution_payload_header for a dev chain's genesis state at `fork`: the mock's genesis
 * block, so the first block's payload has a known parent and the merge is complete from slot 0.
 */
export function createGenesisExecutionPayloadHeader(
  fork: ForkName,
  blockHash: Uint8Array = DEFAULT_MOCK_GENESIS_BLOCK_HASH,
  timestamp = 0,
): ExecutionPayloadHeader {
  if (ForkSeq[fork] < ForkSeq.bellatrix) throw new Error(`createGenesisExecutionPayloadHeader: ${fork} has no execution payload header`);
  const header = executionPayloadHeaderType(fork).defaultValue() as ExecutionPayloadHeader;
  header.blockHash = blockHash;
  header.timestamp = timestamp;
  header.gasLimit = MOCK_GAS_LIMIT;
  header.baseFeePerGas = MOCK_BASE_FEE_PER_GAS;
  header.transactionsRoot = bellatrix.Transactions.hashTreeRoot([]);
  if (ForkSeq[fork] >= ForkSeq.capella) (header as capella.ExecutionPayloadHeader).withdrawalsRoot = capella.Withdrawals.hashTreeRoot([]);
  return header;
}
