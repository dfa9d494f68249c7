// electra containers: specs/electra/beacon-chain.md, validator.md and light-client/sync-protocol.md.
import {BitListType, BitVectorType, ListBasicType, ListCompositeType, type ValueOf} from "@chainsafe/ssz";
import {
  CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA,
  FINALIZED_ROOT_GINDEX_ELECTRA,
  MAX_ATTESTATIONS_ELECTRA,
  MAX_ATTESTER_SLASHINGS_ELECTRA,
  MAX_COMMITTEES_PER_SLOT,
  MAX_CONSOLIDATION_REQUESTS_PER_PAYLOAD,
  MAX_DEPOSIT_REQUESTS_PER_PAYLOAD,
  MAX_VALIDATORS_PER_COMMITTEE,
  MAX_WITHDRAWAL_REQUESTS_PER_PAYLOAD,
  NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA,
  PENDING_CONSOLIDATIONS_LIMIT,
  PENDING_DEPOSITS_LIMIT,
  PENDING_PARTIAL_WITHDRAWALS_LIMIT,
} from "@hearth/params";
import {container} from "./container.js";
import {blockTypes} from "./blockTypes.js";
import {lightClientTypes} from "./lightClient.js";
import * as p from "./primitive.js";
import * as phase0 from "./phase0.js";
import * as altair from "./altair.js";
import * as deneb from "./deneb.js";

export * from "./deneb.js";

export const PendingDeposit = container("PendingDeposit", {
  pubkey: p.BLSPubkey,
  withdrawalCredentials: p.Bytes32,
  amount: p.Gwei,
  signature: p.BLSSignature,
  slot: p.Slot,
});
export const PendingPartialWithdrawal = container("PendingPartialWithdrawal", {
  validatorIndex: p.ValidatorIndex,
  amount: p.Gwei,
  withdrawableEpoch: p.Epoch,
});
export const PendingConsolidation = container("PendingConsolidation", {sourceIndex: p.ValidatorIndex, targetIndex: p.ValidatorIndex});
export const DepositRequest = container("DepositRequest", {
  pubkey: p.BLSPubkey,
  withdrawalCredentials: p.Bytes32,
  amount: p.Gwei,
  signature: p.BLSSignature,
  /** The deposit contract's counter, a full uint64: it becomes the state's deposit_requests_start_index. */
  index: p.UintBn64,
});
export const WithdrawalRequest = container("WithdrawalRequest", {
  sourceAddress: p.ExecutionAddress,
  validatorPubkey: p.BLSPubkey,
  /** Any uint64 a caller of the EIP-7002 contract chose: as a number it would hash to another block root. */
  amount: p.UintBn64,
});
export const ConsolidationRequest = container("ConsolidationRequest", {
  sourceAddress: p.ExecutionAddress,
  sourcePubkey: p.BLSPubkey,
  targetPubkey: p.BLSPubkey,
});
export const DepositRequests = new ListCompositeType(DepositRequest, MAX_DEPOSIT_REQUESTS_PER_PAYLOAD);
export const WithdrawalRequests = new ListCompositeType(WithdrawalRequest, MAX_WITHDRAWAL_REQUESTS_PER_PAYLOAD);
export const ConsolidationRequests = new ListCompositeType(ConsolidationRequest, MAX_CONSOLIDATION_REQUESTS_PER_PAYLOAD);
export const ExecutionRequests = container("ExecutionRequests", {
  deposits: DepositRequests,
  withdrawals: WithdrawalRequests,
  consolidations: ConsolidationRequests,
});

export const AggregationBits = new BitListType(MAX_VALIDATORS_PER_COMMITTEE * MAX_COMMITTEES_PER_SLOT);
export const AttestingIndices = new ListBasicType(p.ValidatorIndex, MAX_VALIDATORS_PER_COMMITTEE * MAX_COMMITTEES_PER_SLOT);
export const CommitteeBits = new BitVectorType(MAX_COMMITTEES_PER_SLOT);
export const SingleAttestation = container("SingleAttestation", {
  committeeIndex: p.CommitteeIndex,
  attesterIndex: p.ValidatorIndex,
  data: phase0.AttestationData,
  signature: p.BLSSignature,
});
export const Attestation = container("Attestation", {
  aggregationBits: AggregationBits,
  data: phase0.AttestationData,
  signature: p.BLSSignature,
  committeeBits: CommitteeBits,
});
export const IndexedAttestation = container("IndexedAttestation", {
  attestingIndices: AttestingIndices,
  data: phase0.AttestationData,
  signature: p.BLSSignature,
});
export const AttesterSlashing = container("AttesterSlashing", {attestation1: IndexedAttestation, attestation2: IndexedAttestation});

export const beaconBlockBodyFields = {
  ...deneb.beaconBlockBodyFields,
  attesterSlashings: new ListCompositeType(AttesterSlashing, MAX_ATTESTER_SLASHINGS_ELECTRA),
  attestations: new ListCompositeType(Attestation, MAX_ATTESTATIONS_ELECTRA),
  executionRequests: ExecutionRequests,
};
export const {BeaconBlockBody, BeaconBlock, SignedBeaconBlock} = blockTypes(beaconBlockBodyFields);

export const beaconStateFields = {
  ...deneb.beaconStateFields,
  depositRequestsStartIndex: p.UintBn64,
  depositBalanceToConsume: p.Gwei,
  exitBalanceToConsume: p.Gwei,
  earliestExitEpoch: p.Epoch,
  consolidationBalanceToConsume: p.Gwei,
  earliestConsolidationEpoch: p.Epoch,
  pendingDeposits: new ListCompositeType(PendingDeposit, PENDING_DEPOSITS_LIMIT),
  pendingPartialWithdrawals: new ListCompositeType(PendingPartialWithdrawal, PENDING_PARTIAL_WITHDRAWALS_LIMIT),
  pendingConsolidations: new ListCompositeType(PendingConsolidation, PENDING_CONSOLIDATIONS_LIMIT),
};
export const BeaconState = container("BeaconState", beaconStateFields);

// validator.md
export const AggregateAndProof = container("AggregateAndProof", {
  aggregatorIndex: p.ValidatorIndex,
  aggregate: Attestation,
  selectionProof: p.BLSSignature,
});
export const SignedAggregateAndProof = container("SignedAggregateAndProof", {message: AggregateAndProof, signature: p.BLSSignature});

// light-client/sync-protocol.md: deeper branches, since the state grew past 32 fields
export const {
  FinalityBranch,
  CurrentSyncCommitteeBranch,
  NextSyncCommitteeBranch,
  LightClientBootstrap,
  LightClientUpdate,
  LightClientFinalityUpdate,
  LightClientOptimisticUpdate,
} = lightClientTypes(deneb.LightClientHeader, altair.SyncCommittee, altair.SyncAggregate, {
  finalizedRoot: FINALIZED_ROOT_GINDEX_ELECTRA,
  currentSyncCommittee: CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA,
  nextSyncCommittee: NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA,
});

export type Attestation = ValueOf<typeof Attestation>;
export type IndexedAttestation = ValueOf<typeof IndexedAttestation>;
export type SingleAttestation = ValueOf<typeof SingleAttestation>;
export type ExecutionRequests = ValueOf<typeof ExecutionRequests>;
export type BeaconBlock = ValueOf<typeof BeaconBlock>;
export type SignedBeaconBlock = ValueOf<typeof SignedBeaconBlock>;
