// capella containers: specs/capella/beacon-chain.md and light-client/sync-protocol.md.
import {ListCompositeType, type ValueOf} from "@chainsafe/ssz";
import {
  HISTORICAL_ROOTS_LIMIT,
  MAX_BLS_TO_EXECUTION_CHANGES,
  MAX_WITHDRAWALS_PER_PAYLOAD,
} from "@hearth/params";
import {container} from "./container.js";
import {blockTypes} from "./blockTypes.js";
import {ALTAIR_STATE_GINDICES, executionLightClientHeader, lightClientTypes} from "./lightClient.js";
export {ExecutionBranch} from "./lightClient.js";
import * as p from "./primitive.js";
import * as altair from "./altair.js";
import * as bellatrix from "./bellatrix.js";

export * from "./bellatrix.js";

export const Withdrawal = container("Withdrawal", {
  index: p.WithdrawalIndex,
  validatorIndex: p.ValidatorIndex,
  address: p.ExecutionAddress,
  amount: p.Gwei,
});
export const BLSToExecutionChange = container("BLSToExecutionChange", {
  validatorIndex: p.ValidatorIndex,
  fromBlsPubkey: p.BLSPubkey,
  toExecutionAddress: p.ExecutionAddress,
});
export const SignedBLSToExecutionChange = container("SignedBLSToExecutionChange", {message: BLSToExecutionChange, signature: p.BLSSignature});
export const HistoricalSummary = container("HistoricalSummary", {blockSummaryRoot: p.Root, stateSummaryRoot: p.Root});

export const Withdrawals = new ListCompositeType(Withdrawal, MAX_WITHDRAWALS_PER_PAYLOAD);
export const executionPayloadFields = {...bellatrix.executionPayloadCommonFields, transactions: bellatrix.Transactions, withdrawals: Withdrawals};
export const executionPayloadHeaderFields = {...bellatrix.executionPayloadCommonFields, transactionsRoot: p.Root, withdrawalsRoot: p.Root};
export const ExecutionPayload = container("ExecutionPayload", executionPayloadFields);
export const ExecutionPayloadHeader = container("ExecutionPayloadHeader", executionPayloadHeaderFields);

export const beaconBlockBodyFields = {
  ...altair.beaconBlockBodyFields,
  executionPayload: ExecutionPayload,
  blsToExecutionChanges: new ListCompositeType(SignedBLSToExecutionChange, MAX_BLS_TO_EXECUTION_CHANGES),
};
export const {BeaconBlockBody, BeaconBlock, SignedBeaconBlock} = blockTypes(beaconBlockBodyFields);

export const HistoricalSummaries = new ListCompositeType(HistoricalSummary, HISTORICAL_ROOTS_LIMIT);
export const beaconStateFields = {
  ...altair.beaconStateFields,
  latestExecutionPayloadHeader: ExecutionPayloadHeader,
  nextWithdrawalIndex: p.WithdrawalIndex,
  nextWithdrawalValidatorIndex: p.ValidatorIndex,
  historicalSummaries: HistoricalSummaries,
};
export const BeaconState = container("BeaconState", beaconStateFields);

// light-client/sync-protocol.md
export const LightClientHeader = executionLightClientHeader(ExecutionPayloadHeader);
export const {
  LightClientBootstrap,
  LightClientUpdate,
  LightClientFinalityUpdate,
  LightClientOptimisticUpdate,
} = lightClientTypes(LightClientHeader, altair.SyncCommittee, altair.SyncAggregate, ALTAIR_STATE_GINDICES);

export type Withdrawal = ValueOf<typeof Withdrawal>;
export type ExecutionPayload = ValueOf<typeof ExecutionPayload>;
export type ExecutionPayloadHeader = ValueOf<typeof ExecutionPayloadHeader>;
export type BeaconBlock = ValueOf<typeof BeaconBlock>;
export type SignedBeaconBlock = ValueOf<typeof SignedBeaconBlock>;
