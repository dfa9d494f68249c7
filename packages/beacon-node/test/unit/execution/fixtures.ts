import {ForkSeq, type ForkName} from "@hearth/params";
import type {capella, deneb} from "@hearth/types";
import {executionPayloadType, type ExecutionPayload} from "../../../src/execution/index.js";

export const POST_MERGE_FORKS: ForkName[] = ["bellatrix", "capella", "deneb", "electra", "fulu"];

export function filled(length: number, byte: number): Uint8Array {
  return new Uint8Array(length).fill(byte);
}

/** A payload of `fork` with every field set to something other than its default. */
export function samplePayload(fork: ForkName): ExecutionPayload {
  const p = executionPayloadType(fork).defaultValue() as ExecutionPayload & Record<string, unknown>;
  p.parentHash = filled(32, 1);
  p.feeRecipient = filled(20, 2);
  p.stateRoot = filled(32, 3);
  p.receiptsRoot = filled(32, 4);
  p.logsBloom = filled(256, 5);
  p.prevRandao = filled(32, 6);
  p.blockNumber = 1234567;
  p.gasLimit = 30_000_000;
  p.gasUsed = 21_000;
  p.timestamp = 1_700_000_000;
  p.extraData = new Uint8Array([0xca, 0xfe]);
  p.baseFeePerGas = 2n ** 200n + 7n;
  p.blockHash = filled(32, 9);
  p.transactions = [new Uint8Array([0x02, 0xf8, 0x70]), new Uint8Array([0xf8])];
  if (ForkSeq[fork] >= ForkSeq.capella) {
    (p as capella.ExecutionPayload).withdrawals = [
      {index: 0, validatorIndex: 5, address: filled(20, 0xaa), amount: 32_000_000_000},
      {index: 1, validatorIndex: 2 ** 40, address: filled(20, 0xbb), amount: 1},
    ];
  }
  if (ForkSeq[fork] >= ForkSeq.deneb) {
    (p as deneb.ExecutionPayload).blobGasUsed = 131072;
    (p as deneb.ExecutionPayload).excessBlobGas = 0;
  }
  return p;
}
