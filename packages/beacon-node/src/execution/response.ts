// The engine's answers (PayloadStatusV1, forkchoiceUpdated's result, getPayload's V1..V5 responses,
// BlobsBundleV1/V2, BlobAndProofV1/V2) → typed values, and execution requests in both directions.
import {
  BYTES_PER_FIELD_ELEMENT,
  CELLS_PER_EXT_BLOB,
  CONSOLIDATION_REQUEST_TYPE,
  DEPOSIT_REQUEST_TYPE,
  FIELD_ELEMENTS_PER_BLOB,
  ForkSeq,
  MAX_BLOB_COMMITMENTS_PER_BLOCK,
  WITHDRAWAL_REQUEST_TYPE,
  type ForkName,
} from "@hearth/params";
import {electra} from "@hearth/types";
import {getExecutionRequestsList} from "@hearth/state-transition";
import {asArray, asBoolean, asObject, bytesToData, dataToBytes, malformed, quantityToBigint} from "./encoding.js";
import {
  ExecutionPayloadStatus,
  type BlobAndProofV1,
  type BlobAndProofV2,
  type BlobsBundle,
  type ExecutionRequestsInput,
  type ForkchoiceUpdateResult,
  type GetPayloadResult,
  type PayloadStatus,
} from "./interface.js";
import {parseExecutionPayload} from "./payload.js";

const BLOB_LENGTH = BYTES_PER_FIELD_ELEMENT * FIELD_ELEMENTS_PER_BLOB;
const KZG_LENGTH = 48;
const STATUSES = new Set<string>(Object.values(ExecutionPayloadStatus));

export function parsePayloadStatus(value: unknown, path = "payloadStatus"): PayloadStatus {
  const o = asObject(value, path);
  if (typeof o.status !== "string" || !STATUSES.has(o.status)) throw malformed(`${path}.status`, `unknown status ${JSON.stringify(o.status)}`);
  const latestValidHash = o.latestValidHash == null ? null : dataToBytes(o.latestValidHash, `${path}.latestValidHash`, 32);
  const err = o.validationError;
  if (err != null && typeof err !== "string") throw malformed(`${path}.validationError`, "expected a string or null");
  return {status: o.status as ExecutionPayloadStatus, latestValidHash, validationError: err ?? null};
}

export function parseForkchoiceUpdateResult(value: unknown): ForkchoiceUpdateResult {
  const o = asObject(value, "result");
  const payloadStatus = parsePayloadStatus(o.payloadStatus, "result.payloadStatus");
  if (o.payloadId == null) return {payloadStatus, payloadId: null};
  // Normalized to lower case: it is a map key on both sides.
  return {payloadStatus, payloadId: bytesToData(dataToBytes(o.payloadId, "result.payloadId", 8))};
}

function parseBytesList(value: unknown, path: string, length: number, maxItems: number): Uint8Array[] {
  return asArray(value, path, maxItems).map((v, i) => dataToBytes(v, `${path}[${i}]`, length));
}

/** BlobsBundleV1 (one proof per blob) or BlobsBundleV2 (CELLS_PER_EXT_BLOB cell proofs per blob). */
export function parseBlobsBundle(value: unknown, version: 1 | 2, path = "result.blobsBundle"): BlobsBundle {
  const o = asObject(value, path);
  const commitments = parseBytesList(o.commitments, `${path}.commitments`, KZG_LENGTH, MAX_BLOB_COMMITMENTS_PER_BLOCK);
  const blobs = parseBytesList(o.blobs, `${path}.blobs`, BLOB_LENGTH, MAX_BLOB_COMMITMENTS_PER_BLOCK);
  const proofsPerBlob = version === 1 ? 1 : CELLS_PER_EXT_BLOB;
  const proofs = parseBytesList(o.proofs, `${path}.proofs`, KZG_LENGTH, MAX_BLOB_COMMITMENTS_PER_BLOCK * proofsPerBlob);
  if (blobs.length !== commitments.length || proofs.length !== blobs.length * proofsPerBlob) {
    throw malformed(path, `${commitments.length} commitments, ${blobs.length} blobs, ${proofs.length} proofs do not match (${proofsPerBlob} proof(s) per blob)`);
  }
  return {commitments, proofs, blobs};
}

/**
 * get_execution_requests (electra validator.md): the EIP-7685 list back to ExecutionRequests. Types
 * must be known, strictly ascending, with non-empty data.
 */
export function getExecutionRequests(executionRequestsList: Uint8Array[], path = "executionRequests"): electra.ExecutionRequests {
  const requests: electra.ExecutionRequests = {deposits: [], withdrawals: [], consolidations: []};
  let prevType = -1;
  executionRequestsList.forEach((request, i) => {
    const at = `${path}[${i}]`;
    if (request.length < 2) throw malformed(at, "a request needs a type byte and non-empty data");
    const type = request[0];
    if (type <= prevType) throw malformed(at, `request type ${type} is not strictly ascending`);
    prevType = type;
    const data = request.subarray(1);
    try {
      if (type === DEPOSIT_REQUEST_TYPE) requests.deposits = electra.DepositRequests.deserialize(data);
      else if (type === WITHDRAWAL_REQUEST_TYPE) requests.withdrawals = electra.WithdrawalRequests.deserialize(data);
      else if (type === CONSOLIDATION_REQUEST_TYPE) requests.consolidations = electra.ConsolidationRequests.deserialize(data);
      else throw new Error(`unknown request type ${type}`);
    } catch (e) {
      throw malformed(at, (e as Error).message);
    }
  });
  return requests;
}

/** The newPayloadV4 param: get_execution_requests_list of a body's requests, or a list as given. */
export function executionRequestsToList(requests: ExecutionRequestsInput): Uint8Array[] {
  return Array.isArray(requests) ? requests : getExecutionRequestsList(requests);
}

/** engine_getPayloadV1 returns the bare payload; V2 adds blockValue, V3 blobs, V4 requests, V5 cell proofs. */
export function parseGetPayloadResult(fork: ForkName, value: unknown): GetPayloadResult {
  const seq = ForkSeq[fork];
  if (seq < ForkSeq.capella) return {executionPayload: parseExecutionPayload(fork, value, "result"), blockValue: 0n};
  const o = asObject(value, "result");
  const result: GetPayloadResult = {
    executionPayload: parseExecutionPayload(fork, o.executionPayload, "result.executionPayload"),
    blockValue: quantityToBigint(o.blockValue, "result.blockValue", 256),
  };
  if (seq >= ForkSeq.deneb) {
    result.blobsBundle = parseBlobsBundle(o.blobsBundle, seq >= ForkSeq.fulu ? 2 : 1);
    // Optional in practice: some engines leave it out, and false is its documented default.
    result.shouldOverrideBuilder = o.shouldOverrideBuilder == null ? false : asBoolean(o.shouldOverrideBuilder, "result.shouldOverrideBuilder");
  }
  if (seq >= ForkSeq.electra) {
    const list = asArray(o.executionRequests, "result.executionRequests", 3).map((r, i) => dataToBytes(r, `result.executionRequests[${i}]`));
    result.executionRequests = getExecutionRequests(list, "result.executionRequests");
  }
  return result;
}

export function parseBlobsV1(value: unknown, count: number): (BlobAndProofV1 | null)[] {
  const list = asArray(value, "result", count);
  return list.map((item, i) => {
    if (item == null) return null;
    const o = asObject(item, `result[${i}]`);
    return {blob: dataToBytes(o.blob, `result[${i}].blob`, BLOB_LENGTH), proof: dataToBytes(o.proof, `result[${i}].proof`, KZG_LENGTH)};
  });
}

export function parseBlobsV2(value: unknown, count: number): BlobAndProofV2[] | null {
  if (value == null) return null;
  const list = asArray(value, "result", count);
  if (list.length !== count) throw malformed("result", `expected ${count} blobs or null, got ${list.length}`);
  return list.map((item, i) => {
    const o = asObject(item, `result[${i}]`);
    const proofs = parseBytesList(o.proofs, `result[${i}].proofs`, KZG_LENGTH, CELLS_PER_EXT_BLOB);
    if (proofs.length !== CELLS_PER_EXT_BLOB) throw malformed(`result[${i}].proofs`, `expected ${CELLS_PER_EXT_BLOB} cell proofs, got ${proofs.length}`);
    return {blob: dataToBytes(o.blob, `result[${i}].blob`, BLOB_LENGTH), proofs};
  });
}
