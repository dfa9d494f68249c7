// bellatrix containers: specs/bellatrix/beacon-chain.md and fork-choice.md.
import {ByteListType, ByteVectorType, ListCompositeType, type ValueOf} from "@chainsafe/ssz";
import {BYTES_PER_LOGS_BLOOM, MAX_EXTRA_DATA_BYTES, MAX_TRANSACTIONS_PER_PAYLOAD} from "@hearth/params";
import {container} from "./container.js";
import {blockTypes} from "./blockTypes.js";
import * as p from "./primitive.js";
import * as altair from "./altair.js";

export * from "./altair.js";

export const Transactions = new ListCompositeType(p.Transaction, MAX_TRANSACTIONS_PER_PAYLOAD);

/** The fields shared by ExecutionPayload and ExecutionPayloadHeader, up to block_hash. */
export const executionPayloadCommonFields = {
  parentHash: p.Hash32,
  feeRecipient: p.ExecutionAddress,
  stateRoot: p.Bytes32,
  receiptsRoot: p.Bytes32,
  logsBloom: new ByteVectorType(BYTES_PER_LOGS_BLOOM),
  prevRandao: p.Bytes32,
  blockNumber: p.UintNum64,
  gasLimit: p.UintNum64,
  gasUsed: p.UintNum64,
  timestamp: p.UintNum64,
  extraData: new ByteListType(MAX_EXTRA_DATA_BYTES),
  baseFeePerGas: p.Uint256,
  blockHash: p.Hash32,
};
export const ExecutionPayload = container("ExecutionPayload", {...executionPayloadCommonFields, transactions: Transactions});
export const ExecutionPayloadHeader = container("ExecutionPayloadHeader", {...executionPayloadCommonFields, transactionsRoot: p.Root});

export const beaconBlockBodyFields = {...altair.beaconBlockBodyFields, executionPayload: ExecutionPayload};
export const {BeaconBlockBody, BeaconBlock, SignedBeaconBlock} = blockTypes(beaconBlockBodyFields);

export const beaconStateFields = {...altair.beaconStateFields, latestExecutionPayloadHeader: ExecutionPayloadHeader};
export const BeaconState = container("BeaconState", beaconStateFields);

// fork-choice.md
export const PowBlock = container("PowBlock", {blockHash: p.Hash32, parentHash: p.Hash32, totalDifficulty: p.Uint256});

export type ExecutionPayload = ValueOf<typeof ExecutionPayload>;
export type ExecutionPayloadHeader = ValueOf<typeof ExecutionPayloadHeader>;
export type BeaconBlock = ValueOf<typeof BeaconBlock>;
export type SignedBeaconBlock = ValueOf<typeof SignedBeaconBlock>;
