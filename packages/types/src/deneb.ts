// deneb containers: specs/deneb/beacon-chain.md, p2p-interface.md and light-client/sync-protocol.md.
import {ListCompositeType, VectorCompositeType, type ValueOf} from "@chainsafe/ssz";
import {
  KZG_COMMITMENT_INCLUSION_PROOF_DEPTH,
  MAX_BLOB_COMMITMENTS_PER_BLOCK,
} from "@hearth/params";
import {container} from "./container.js";
import {blockTypes} from "./blockTypes.js";
import {ALTAIR_STATE_GINDICES, executionLightClientHeader, lightClientTypes} from "./lightClient.js";
import * as p from "./primitive.js";
import * as phase0 from "./phase0.js";
import * as altair from "./altair.js";
import * as capella from "./capella.js";

export * from "./capella.js";

export const BlobKzgCommitments = new ListCompositeType(p.KZGCommitment, MAX_BLOB_COMMITMENTS_PER_BLOCK);
const blobGasFields = {blobGasUsed: p.UintNum64, excessBlobGas: p.UintNum64};
export const ExecutionPayload = container("ExecutionPayload", {...capella.executionPayloadFields, ...blobGasFields});
export const ExecutionPayloadHeader = container("ExecutionPayloadHeader", {...capella.executionPayloadHeaderFields, ...blobGasFields});

export const beaconBlockBodyFields = {
  ...capella.beaconBlockBodyFields,
  executionPayload: ExecutionPayload,
  blobKzgCommitments: BlobKzgCommitments,
};
export const {BeaconBlockBody, BeaconBlock, SignedBeaconBlock} = blockTypes(beaconBlockBodyFields);

export const beaconStateFields = {...capella.beaconStateFields, latestExecutionPayloadHeader: ExecutionPayloadHeader};
export const BeaconState = container("BeaconState", beaconStateFields);

// p2p-interface.md
export const KzgCommitmentInclusionProof = new VectorCompositeType(p.Bytes32, KZG_COMMITMENT_INCLUSION_PROOF_DEPTH);
export const BlobSidecar = container("BlobSidecar", {
  index: p.BlobIndex,
  blob: p.Blob,
  kzgCommitment: p.KZGCommitment,
  kzgProof: p.KZGProof,
  signedBlockHeader: phase0.SignedBeaconBlockHeader,
  kzgCommitmentInclusionProof: KzgCommitmentInclusionProof,
});
export const BlobIdentifier = container("BlobIdentifier", {blockRoot: p.Root, index: p.BlobIndex});

// light-client/sync-protocol.md: the header carries deneb's ExecutionPayloadHeader
export const LightClientHeader = executionLightClientHeader(ExecutionPayloadHeader);
export const {
  LightClientBootstrap,
  LightClientUpdate,
  LightClientFinalityUpdate,
  LightClientOptimisticUpdate,
} = lightClientTypes(LightClientHeader, altair.SyncCommittee, altair.SyncAggregate, ALTAIR_STATE_GINDICES);

export type ExecutionPayload = ValueOf<typeof ExecutionPayload>;
export type ExecutionPayloadHeader = ValueOf<typeof ExecutionPayloadHeader>;
export type BeaconBlock = ValueOf<typeof BeaconBlock>;
export type SignedBeaconBlock = ValueOf<typeof SignedBeaconBlock>;
export type BlobSidecar = ValueOf<typeof BlobSidecar>;
