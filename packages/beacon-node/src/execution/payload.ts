// ExecutionPayloadV1..V3, WithdrawalV1 and PayloadAttributesV1..V3 (execution-apis paris.md,
// shanghai.md, cancun.md) ↔ the consensus SSZ values. electra and fulu use ExecutionPayloadV3.
import {
  BYTES_PER_LOGS_BLOOM,
  ForkSeq,
  MAX_BYTES_PER_TRANSACTION,
  MAX_EXTRA_DATA_BYTES,
  MAX_TRANSACTIONS_PER_PAYLOAD,
  MAX_WITHDRAWALS_PER_PAYLOAD,
  type ForkName,
} from "@hearth/params";
import type {capella, deneb} from "@hearth/types";
import {ExecutionEngineError, ExecutionEngineErrorCode} from "./errors.js";
import {asArray, asObject, bytesToData, dataToBytes, numberToQuantity, quantityToBigint, quantityToNumber} from "./encoding.js";
import type {ExecutionPayload, PayloadAttributes} from "./interface.js";

export type JsonObject = Record<string, unknown>;

export function serializeWithdrawal(w: capella.Withdrawal): JsonObject {
  return {
    index: numberToQuantity(w.index),
    validatorIndex: numberToQuantity(w.validatorIndex),
    address: bytesToData(w.address),
    // Gwei, big-endian here where the beacon chain keeps it little-endian: QUANTITY takes care of it.
    amount: numberToQuantity(w.amount),
  };
}

export function parseWithdrawal(value: unknown, path: string): capella.Withdrawal {
  const o = asObject(value, path);
  return {
    index: quantityToNumber(o.index, `${path}.index`),
    validatorIndex: quantityToNumber(o.validatorIndex, `${path}.validatorIndex`),
    address: dataToBytes(o.address, `${path}.address`, 20),
    amount: quantityToNumber(o.amount, `${path}.amount`),
  };
}

export function serializeExecutionPayload(fork: ForkName, payload: ExecutionPayload): JsonObject {
  const json: JsonObject = {
    parentHash: bytesToData(payload.parentHash),
    feeRecipient: bytesToData(payload.feeRecipient),
    stateRoot: bytesToData(payload.stateRoot),
    receiptsRoot: bytesToData(payload.receiptsRoot),
    logsBloom: bytesToData(payload.logsBloom),
    prevRandao: bytesToData(payload.prevRandao),
    blockNumber: numberToQuantity(payload.blockNumber),
    gasLimit: numberToQuantity(payload.gasLimit),
    gasUsed: numberToQuantity(payload.gasUsed),
    timestamp: numberToQuantity(payload.timestamp),
    extraData: bytesToData(payload.extraData),
    baseFeePerGas: numberToQuantity(payload.baseFeePerGas),
    blockHash: bytesToData(payload.blockHash),
    transactions: payload.transactions.map(bytesToData),
  };
  const seq = ForkSeq[fork];
  if (seq >= ForkSeq.capella) {
    json.withdrawals = requireField(payload as capella.ExecutionPayload, "withdrawals", fork).map(serializeWithdrawal);
  }
  if (seq >= ForkSeq.deneb) {
    const p = payload as deneb.ExecutionPayload;
    json.blobGasUsed = numberToQuantity(requireField(p, "blobGasUsed", fork));
    json.excessBlobGas = numberToQuantity(requireField(p, "excessBlobGas", fork));
  }
  return json;
}

function requireField<T, K extends keyof T>(value: T, key: K, fork: ForkName): NonNullable<T[K]> {
  const v = value[key];
  if (v === undefined || v === null) {
    throw new ExecutionEngineError(ExecutionEngineErrorCode.INVALID_REQUEST, {fork, reason: `a ${fork} payload needs ${String(key)}`});
  }
  return v as NonNullable<T[K]>;
}

/** The fork's ExecutionPayload from the engine's JSON, every field checked against its type's bounds. */
export function parseExecutionPayload(fork: ForkName, value: unknown, path = "executionPayload"): ExecutionPayload {
  const o = asObject(value, path);
  const payload: JsonObject = {
    parentHash: dataToBytes(o.parentHash, `${path}.parentHash`, 32),
    feeRecipient: dataToBytes(o.feeRecipient, `${path}.feeRecipient`, 20),
    stateRoot: dataToBytes(o.stateRoot, `${path}.stateRoot`, 32),
    receiptsRoot: dataToBytes(o.receiptsRoot, `${path}.receiptsRoot`, 32),
    logsBloom: dataToBytes(o.logsBloom, `${path}.logsBloom`, BYTES_PER_LOGS_BLOOM),
    prevRandao: dataToBytes(o.prevRandao, `${path}.prevRandao`, 32),
    blockNumber: quantityToNumber(o.blockNumber, `${path}.blockNumber`),
    gasLimit: quantityToNumber(o.gasLimit, `${path}.gasLimit`),
    gasUsed: quantityToNumber(o.gasUsed, `${path}.gasUsed`),
    timestamp: quantityToNumber(o.timestamp, `${path}.timestamp`),
    extraData: dataToBytes(o.extraData, `${path}.extraData`, undefined, MAX_EXTRA_DATA_BYTES),
    baseFeePerGas: quantityToBigint(o.baseFeePerGas, `${path}.baseFeePerGas`, 256),
    blockHash: dataToBytes(o.blockHash, `${path}.blockHash`, 32),
    transactions: asArray(o.transactions, `${path}.transactions`, MAX_TRANSACTIONS_PER_PAYLOAD).map((tx, i) =>
      dataToBytes(tx, `${path}.transactions[${i}]`, undefined, MAX_BYTES_PER_TRANSACTION),
    ),
  };
  const seq = ForkSeq[fork];
  if (seq >= ForkSeq.capella) {
    payload.withdrawals = asArray(o.withdrawals, `${path}.withdrawals`, MAX_WITHDRAWALS_PER_PAYLOAD).map((w, i) =>
      parseWithdrawal(w, `${path}.withdrawals[${i}]`),
    );
  }
  if (seq >= ForkSeq.deneb) {
    payload.blobGasUsed = quantityToNumber(o.blobGasUsed, `${path}.blobGasUsed`);
    payload.excessBlobGas = quantityToNumber(o.excessBlobGas, `${path}.excessBlobGas`);
  }
  return payload as unknown as ExecutionPayload;
}

/** PayloadAttributesV1 (bellatrix), V2 (capella: withdrawals), V3 (deneb on: parentBeaconBlockRoot). */
export function serializePayloadAttributes(fork: ForkName, attrs: PayloadAttributes): JsonObject {
  const json: JsonObject = {
    timestamp: numberToQuantity(attrs.timestamp),
    prevRandao: bytesToData(attrs.prevRandao),
    suggestedFeeRecipient: bytesToData(attrs.suggestedFeeRecipient),
  };
  const seq = ForkSeq[fork];
  if (seq >= ForkSeq.capella) json.withdrawals = requireField(attrs, "withdrawals", fork).map(serializeWithdrawal);
  if (seq >= ForkSeq.deneb) json.parentBeaconBlockRoot = bytesToData(requireField(attrs, "parentBeaconBlockRoot", fork));
  return json;
}

export function parsePayloadAttributes(fork: ForkName, value: unknown, path = "payloadAttributes"): PayloadAttributes {
  const o = asObject(value, path);
  const attrs: PayloadAttributes = {
    timestamp: quantityToNumber(o.timestamp, `${path}.timestamp`),
    prevRandao: dataToBytes(o.prevRandao, `${path}.prevRandao`, 32),
    suggestedFeeRecipient: dataToBytes(o.suggestedFeeRecipient, `${path}.suggestedFeeRecipient`, 20),
  };
  const seq = ForkSeq[fork];
  if (seq >= ForkSeq.capella) {
    attrs.withdrawals = asArray(o.withdrawals, `${path}.withdrawals`, MAX_WITHDRAWALS_PER_PAYLOAD).map((w, i) =>
      parseWithdrawal(w, `${path}.withdrawals[${i}]`),
    );
  }
  if (seq >= ForkSeq.deneb) attrs.parentBeaconBlockRoot = dataToBytes(o.parentBeaconBlockRoot, `${path}.parentBeaconBlockRoot`, 32);
  return attrs;
}
