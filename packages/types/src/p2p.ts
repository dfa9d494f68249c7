// The req/resp and ENR containers of the p2p specs: phase0/p2p-interface.md and the later forks'
// p2p-interface.md (altair MetaData v2, deneb blob requests, fulu StatusV2 / MetaData v3 / columns),
// light-client/p2p-interface.md. Exported as `p2p` from the package index: `p2p.Status`.
//
// Request list limits come from the chain config in the spec (MAX_REQUEST_BLOCKS …). types sits below
// config, so the SSZ limits here are the config's values, identical in mainnet and minimal; req/resp
// enforces the per-fork runtime limits (e.g. MAX_REQUEST_BLOCKS_DENEB) from the BeaconConfig.
import {BitVectorType, ListBasicType, ListCompositeType, type ValueOf} from "@chainsafe/ssz";
import {ATTESTATION_SUBNET_COUNT, NUMBER_OF_COLUMNS, SYNC_COMMITTEE_SUBNET_COUNT} from "@hearth/params";
import {container} from "./container.js";
import * as p from "./primitive.js";
import {BlobIdentifier} from "./deneb.js";
import {DataColumnsByRootIdentifier} from "./fulu.js";

/** MAX_REQUEST_BLOCKS (phase0 config): the largest by-root list of phase0..capella. */
export const MAX_REQUEST_BLOCKS = 1024;
/** MAX_REQUEST_BLOCKS_DENEB (deneb config). */
export const MAX_REQUEST_BLOCKS_DENEB = 128;
/** MAX_REQUEST_BLOB_SIDECARS_ELECTRA (electra config): the largest blob by-root list of any fork. */
export const MAX_REQUEST_BLOB_SIDECARS_ELECTRA = 1152;

export const AttestationSubnets = new BitVectorType(ATTESTATION_SUBNET_COUNT);
export const SyncSubnets = new BitVectorType(SYNC_COMMITTEE_SUBNET_COUNT);

// phase0 "Status"
export const Status = container("Status", {
  forkDigest: p.ForkDigest,
  finalizedRoot: p.Root,
  finalizedEpoch: p.Epoch,
  headRoot: p.Root,
  headSlot: p.Slot,
});
// fulu "Status v2": + the earliest slot the node can serve blocks/columns from
export const StatusV2 = container("StatusV2", {
  forkDigest: p.ForkDigest,
  finalizedRoot: p.Root,
  finalizedEpoch: p.Epoch,
  headRoot: p.Root,
  headSlot: p.Slot,
  earliestAvailableSlot: p.Slot,
});

/** Goodbye reason code (uint64). */
export const Goodbye = p.UintNum64;
/** Ping: the sender's MetaData seq_number (uint64). */
export const Ping = p.UintNum64;

export const MetaData = container("MetaData", {seqNumber: p.UintNum64, attnets: AttestationSubnets});
export const MetaDataV2 = container("MetaData", {seqNumber: p.UintNum64, attnets: AttestationSubnets, syncnets: SyncSubnets});
export const MetaDataV3 = container("MetaData", {
  seqNumber: p.UintNum64,
  attnets: AttestationSubnets,
  syncnets: SyncSubnets,
  custodyGroupCount: p.UintNum64,
});

// beacon_blocks_by_range v1/v2: `step` is deprecated (must be 1) but stays on the wire.
export const BeaconBlocksByRangeRequest = container("BeaconBlocksByRangeRequest", {
  startSlot: p.Slot,
  count: p.UintNum64,
  step: p.UintNum64,
});
export const BeaconBlocksByRootRequest = new ListCompositeType(p.Root, MAX_REQUEST_BLOCKS);

export const BlobSidecarsByRangeRequest = container("BlobSidecarsByRangeRequest", {startSlot: p.Slot, count: p.UintNum64});
export const BlobSidecarsByRootRequest = new ListCompositeType(BlobIdentifier, MAX_REQUEST_BLOB_SIDECARS_ELECTRA);

export const DataColumnSidecarsByRangeRequest = container("DataColumnSidecarsByRangeRequest", {
  startSlot: p.Slot,
  count: p.UintNum64,
  columns: new ListBasicType(p.ColumnIndex, NUMBER_OF_COLUMNS),
});
export const DataColumnSidecarsByRootRequest = new ListCompositeType(DataColumnsByRootIdentifier, MAX_REQUEST_BLOCKS_DENEB);

// light-client/p2p-interface.md
export const LightClientUpdatesByRangeRequest = container("LightClientUpdatesByRangeRequest", {
  startPeriod: p.UintNum64,
  count: p.UintNum64,
});

// phase0 "eth2 field" of the ENR
export const ENRForkID = container("ENRForkID", {
  forkDigest: p.ForkDigest,
  nextForkVersion: p.Version,
  nextForkEpoch: p.Epoch,
});

export type Status = ValueOf<typeof Status>;
export type StatusV2 = ValueOf<typeof StatusV2>;
export type MetaData = ValueOf<typeof MetaData>;
export type MetaDataV2 = ValueOf<typeof MetaDataV2>;
export type MetaDataV3 = ValueOf<typeof MetaDataV3>;
export type BeaconBlocksByRangeRequest = ValueOf<typeof BeaconBlocksByRangeRequest>;
export type BeaconBlocksByRootRequest = ValueOf<typeof BeaconBlocksByRootRequest>;
export type BlobSidecarsByRangeRequest = ValueOf<typeof BlobSidecarsByRangeRequest>;
export type BlobSidecarsByRootRequest = ValueOf<typeof BlobSidecarsByRootRequest>;
export type DataColumnSidecarsByRangeRequest = ValueOf<typeof DataColumnSidecarsByRangeRequest>;
export type DataColumnSidecarsByRootRequest = ValueOf<typeof DataColumnSidecarsByRootRequest>;
export type LightClientUpdatesByRangeRequest = ValueOf<typeof LightClientUpdatesByRangeRequest>;
export type ENRForkID = ValueOf<typeof ENRForkID>;
