// Event stream payloads (beacon-APIs apis/eventstream/index.yaml).
import type {ValueOf} from "@chainsafe/ssz";
import {altair, capella, electra, phase0, ssz} from "@hearth/types";
import type {JsonCodec} from "../codecs/codec.js";
import type {AnyAttestation, AnyAttesterSlashing} from "./forks.js";
import {apiContainer} from "./container.js";
import {
  BlobSidecarEvent,
  DataColumnSidecarEvent,
  LightClientFinalityUpdateEvent,
  LightClientOptimisticUpdateEvent,
  PayloadAttributesEvent,
  type PayloadAttributesEventFields,
  type Versioned,
} from "./eventsExtra.js";

export const HeadEvent = apiContainer("HeadEvent", {
  slot: ssz.Slot,
  block: ssz.Root,
  state: ssz.Root,
  epochTransition: ssz.Boolean,
  previousDutyDependentRoot: ssz.Root,
  currentDutyDependentRoot: ssz.Root,
  executionOptimistic: ssz.Boolean,
});
export const BlockEvent = apiContainer("BlockEvent", {slot: ssz.Slot, block: ssz.Root, executionOptimistic: ssz.Boolean});
export const BlockGossipEvent = apiContainer("BlockGossipEvent", {slot: ssz.Slot, block: ssz.Root});
export const FinalizedCheckpointEvent = apiContainer("FinalizedCheckpointEvent", {
  block: ssz.Root,
  state: ssz.Root,
  epoch: ssz.Epoch,
  executionOptimistic: ssz.Boolean,
});
export const ChainReorgEvent = apiContainer("ChainReorgEvent", {
  slot: ssz.Slot,
  depth: ssz.UintNum64,
  oldHeadBlock: ssz.Root,
  newHeadBlock: ssz.Root,
  oldHeadState: ssz.Root,
  newHeadState: ssz.Root,
  epoch: ssz.Epoch,
  executionOptimistic: ssz.Boolean,
});

/** Attestations of any fork: electra's carry committee_bits, which picks the type. */
const AnyAttestationJson: JsonCodec<AnyAttestation> = {
  toJson: (a) => ("committeeBits" in a ? electra.Attestation.toJson(a) : phase0.Attestation.toJson(a)),
  fromJson: (json) =>
    typeof json === "object" && json !== null && "committee_bits" in json
      ? electra.Attestation.fromJson(json)
      : phase0.Attestation.fromJson(json),
};

export interface EventData {
  head: ValueOf<typeof HeadEvent>;
  block: ValueOf<typeof BlockEvent>;
  block_gossip: ValueOf<typeof BlockGossipEvent>;
  attestation: AnyAttestation;
  single_attestation: electra.SingleAttestation;
  voluntary_exit: ValueOf<typeof phase0.SignedVoluntaryExit>;
  proposer_slashing: ValueOf<typeof phase0.ProposerSlashing>;
  attester_slashing: AnyAttesterSlashing;
  bls_to_execution_change: ValueOf<typeof capella.SignedBLSToExecutionChange>;
  finalized_checkpoint: ValueOf<typeof FinalizedCheckpointEvent>;
  chain_reorg: ValueOf<typeof ChainReorgEvent>;
  contribution_and_proof: ValueOf<typeof altair.SignedContributionAndProof>;
  light_client_finality_update: Versioned<unknown>;
  light_client_optimistic_update: Versioned<unknown>;
  payload_attributes: Versioned<PayloadAttributesEventFields>;
  blob_sidecar: ValueOf<typeof BlobSidecarEvent>;
  data_column_sidecar: ValueOf<typeof DataColumnSidecarEvent>;
}
export type EventTopic = keyof EventData;

/** The JSON codec of each topic's data. */
export const eventCodecs: {[T in EventTopic]: JsonCodec<EventData[T]>} = {
  head: HeadEvent,
  block: BlockEvent,
  block_gossip: BlockGossipEvent,
  attestation: AnyAttestationJson,
  single_attestation: electra.SingleAttestation,
  voluntary_exit: phase0.SignedVoluntaryExit,
  proposer_slashing: phase0.ProposerSlashing,
  // the JSON of both forks' attester slashings is the same; electra's type has the larger limits
  attester_slashing: electra.AttesterSlashing as JsonCodec<AnyAttesterSlashing>,
  bls_to_execution_change: capella.SignedBLSToExecutionChange,
  finalized_checkpoint: FinalizedCheckpointEvent,
  chain_reorg: ChainReorgEvent,
  contribution_and_proof: altair.SignedContributionAndProof,
  light_client_finality_update: LightClientFinalityUpdateEvent,
  light_client_optimistic_update: LightClientOptimisticUpdateEvent,
  payload_attributes: PayloadAttributesEvent,
  blob_sidecar: BlobSidecarEvent,
  data_column_sidecar: DataColumnSidecarEvent,
};

export const EVENT_TOPICS = Object.keys(eventCodecs) as EventTopic[];

/** One event: its topic and its data. */
export type BeaconEvent = {[T in EventTopic]: {type: T; message: EventData[T]}}[EventTopic];
