// phase0 containers: specs/phase0/beacon-chain.md "Containers" and validator.md.
import {BitListType, BitVectorType, ListBasicType, ListCompositeType, VectorCompositeType, ListUintNum64Type, VectorBasicType, type ValueOf} from "@chainsafe/ssz";
import {
  DEPOSIT_CONTRACT_TREE_DEPTH,
  EPOCHS_PER_ETH1_VOTING_PERIOD,
  EPOCHS_PER_HISTORICAL_VECTOR,
  EPOCHS_PER_SLASHINGS_VECTOR,
  HISTORICAL_ROOTS_LIMIT,
  JUSTIFICATION_BITS_LENGTH,
  MAX_ATTESTATIONS,
  MAX_ATTESTER_SLASHINGS,
  MAX_DEPOSITS,
  MAX_PROPOSER_SLASHINGS,
  MAX_VALIDATORS_PER_COMMITTEE,
  MAX_VOLUNTARY_EXITS,
  SLOTS_PER_EPOCH,
  SLOTS_PER_HISTORICAL_ROOT,
  VALIDATOR_REGISTRY_LIMIT,
} from "@hearth/params";
import {container, nodeStructContainer} from "./container.js";
import {blockTypes} from "./blockTypes.js";
import * as p from "./primitive.js";

export const Fork = container("Fork", {previousVersion: p.Version, currentVersion: p.Version, epoch: p.Epoch});
export const ForkData = container("ForkData", {currentVersion: p.Version, genesisValidatorsRoot: p.Root});
export const Checkpoint = container("Checkpoint", {epoch: p.Epoch, root: p.Root});

const validatorFields = {
  pubkey: p.BLSPubkey,
  withdrawalCredentials: p.Bytes32,
  effectiveBalance: p.Gwei,
  slashed: p.Boolean,
  activationEligibilityEpoch: p.Epoch,
  activationEpoch: p.Epoch,
  exitEpoch: p.Epoch,
  withdrawableEpoch: p.Epoch,
};
export const Validator = container("Validator", validatorFields);
/** The same container as Validator, kept as one node per validator inside the state. */
export const ValidatorNodeStruct = nodeStructContainer("Validator", validatorFields);

export const AttestationData = container("AttestationData", {
  slot: p.Slot,
  index: p.CommitteeIndex,
  beaconBlockRoot: p.Root,
  source: Checkpoint,
  target: Checkpoint,
});
export const CommitteeIndices = new ListBasicType(p.ValidatorIndex, MAX_VALIDATORS_PER_COMMITTEE);
export const CommitteeAggregationBits = new BitListType(MAX_VALIDATORS_PER_COMMITTEE);
export const IndexedAttestation = container("IndexedAttestation", {
  attestingIndices: CommitteeIndices,
  data: AttestationData,
  signature: p.BLSSignature,
});
export const PendingAttestation = container("PendingAttestation", {
  aggregationBits: CommitteeAggregationBits,
  data: AttestationData,
  inclusionDelay: p.Slot,
  proposerIndex: p.ValidatorIndex,
});
export const Eth1Data = container("Eth1Data", {depositRoot: p.Root, depositCount: p.UintNum64, blockHash: p.Hash32});
export const HistoricalBlockRoots = new VectorCompositeType(p.Root, SLOTS_PER_HISTORICAL_ROOT);
export const HistoricalStateRoots = new VectorCompositeType(p.Root, SLOTS_PER_HISTORICAL_ROOT);
export const HistoricalBatch = container("HistoricalBatch", {blockRoots: HistoricalBlockRoots, stateRoots: HistoricalStateRoots});
export const DepositMessage = container("DepositMessage", {pubkey: p.BLSPubkey, withdrawalCredentials: p.Bytes32, amount: p.Gwei});
export const DepositData = container("DepositData", {
  pubkey: p.BLSPubkey,
  withdrawalCredentials: p.Bytes32,
  amount: p.Gwei,
  signature: p.BLSSignature,
});
export const BeaconBlockHeader = container("BeaconBlockHeader", {
  slot: p.Slot,
  proposerIndex: p.ValidatorIndex,
  parentRoot: p.Root,
  stateRoot: p.Root,
  bodyRoot: p.Root,
});
export const SigningData = container("SigningData", {objectRoot: p.Root, domain: p.Domain});
export const SignedBeaconBlockHeader = container("SignedBeaconBlockHeader", {message: BeaconBlockHeader, signature: p.BLSSignature});
export const ProposerSlashing = container("ProposerSlashing", {signedHeader1: SignedBeaconBlockHeader, signedHeader2: SignedBeaconBlockHeader});
export const AttesterSlashing = container("AttesterSlashing", {attestation1: IndexedAttestation, attestation2: IndexedAttestation});
export const Attestation = container("Attestation", {aggregationBits: CommitteeAggregationBits, data: AttestationData, signature: p.BLSSignature});
export const DepositProof = new VectorCompositeType(p.Bytes32, DEPOSIT_CONTRACT_TREE_DEPTH + 1);
export const Deposit = container("Deposit", {proof: DepositProof, data: DepositData});
export const VoluntaryExit = container("VoluntaryExit", {epoch: p.Epoch, validatorIndex: p.ValidatorIndex});
export const SignedVoluntaryExit = container("SignedVoluntaryExit", {message: VoluntaryExit, signature: p.BLSSignature});

export const beaconBlockBodyFields = {
  randaoReveal: p.BLSSignature,
  eth1Data: Eth1Data,
  graffiti: p.Bytes32,
  proposerSlashings: new ListCompositeType(ProposerSlashing, MAX_PROPOSER_SLASHINGS),
  attesterSlashings: new ListCompositeType(AttesterSlashing, MAX_ATTESTER_SLASHINGS),
  attestations: new ListCompositeType(Attestation, MAX_ATTESTATIONS),
  deposits: new ListCompositeType(Deposit, MAX_DEPOSITS),
  voluntaryExits: new ListCompositeType(SignedVoluntaryExit, MAX_VOLUNTARY_EXITS),
};
export const {BeaconBlockBody, BeaconBlock, SignedBeaconBlock} = blockTypes(beaconBlockBodyFields);

export const Validators = new ListCompositeType(ValidatorNodeStruct, VALIDATOR_REGISTRY_LIMIT);
export const Balances = new ListUintNum64Type(VALIDATOR_REGISTRY_LIMIT);
export const RandaoMixes = new VectorCompositeType(p.Bytes32, EPOCHS_PER_HISTORICAL_VECTOR);
export const Slashings = new VectorBasicType(p.Gwei, EPOCHS_PER_SLASHINGS_VECTOR);
export const HistoricalRoots = new ListCompositeType(p.Root, HISTORICAL_ROOTS_LIMIT);
export const Eth1DataVotes = new ListCompositeType(Eth1Data, EPOCHS_PER_ETH1_VOTING_PERIOD * SLOTS_PER_EPOCH);
export const JustificationBits = new BitVectorType(JUSTIFICATION_BITS_LENGTH);
export const EpochAttestations = new ListCompositeType(PendingAttestation, MAX_ATTESTATIONS * SLOTS_PER_EPOCH);

/** The fields every fork's BeaconState starts with, up to eth1_deposit_index, then validators … slashings. */
export const beaconStateHeadFields = {
  genesisTime: p.UintNum64,
  genesisValidatorsRoot: p.Root,
  slot: p.Slot,
  fork: Fork,
  latestBlockHeader: BeaconBlockHeader,
  blockRoots: HistoricalBlockRoots,
  stateRoots: HistoricalStateRoots,
  historicalRoots: HistoricalRoots,
  eth1Data: Eth1Data,
  eth1DataVotes: Eth1DataVotes,
  eth1DepositIndex: p.UintNum64,
  validators: Validators,
  balances: Balances,
  randaoMixes: RandaoMixes,
  slashings: Slashings,
};
export const checkpointFields = {
  justificationBits: JustificationBits,
  previousJustifiedCheckpoint: Checkpoint,
  currentJustifiedCheckpoint: Checkpoint,
  finalizedCheckpoint: Checkpoint,
};
export const BeaconState = container("BeaconState", {
  ...beaconStateHeadFields,
  previousEpochAttestations: EpochAttestations,
  currentEpochAttestations: EpochAttestations,
  ...checkpointFields,
});

// validator.md
export const Eth1Block = container("Eth1Block", {timestamp: p.UintNum64, depositRoot: p.Root, depositCount: p.UintNum64});
export const AggregateAndProof = container("AggregateAndProof", {
  aggregatorIndex: p.ValidatorIndex,
  aggregate: Attestation,
  selectionProof: p.BLSSignature,
});
export const SignedAggregateAndProof = container("SignedAggregateAndProof", {message: AggregateAndProof, signature: p.BLSSignature});

export type Checkpoint = ValueOf<typeof Checkpoint>;
export type AttestationData = ValueOf<typeof AttestationData>;
export type Attestation = ValueOf<typeof Attestation>;
export type IndexedAttestation = ValueOf<typeof IndexedAttestation>;
export type BeaconBlockHeader = ValueOf<typeof BeaconBlockHeader>;
export type BeaconBlock = ValueOf<typeof BeaconBlock>;
export type SignedBeaconBlock = ValueOf<typeof SignedBeaconBlock>;
export type Validator = ValueOf<typeof Validator>;
export type Deposit = ValueOf<typeof Deposit>;
export type Fork = ValueOf<typeof Fork>;
