// The gossip contract between the network package (topics, gossipsub, queues) and the beacon node
// (validation and import). Spec: phase0/p2p-interface.md "The gossip domain: gossipsub" and the
// later forks' p2p-interface.md; light-client/p2p-interface.md.
import type {ValueOf} from "@chainsafe/ssz";
import type {ForkName} from "@hearth/params";
import type {altair, capella, deneb, electra, fulu, phase0} from "@hearth/types";
import type {PeerAction} from "../peers/score.js";

/** Every gossip topic name of issue 8 (subnet topics without their `_{n}` suffix). */
export enum GossipType {
  beacon_block = "beacon_block",
  beacon_aggregate_and_proof = "beacon_aggregate_and_proof",
  beacon_attestation = "beacon_attestation",
  voluntary_exit = "voluntary_exit",
  proposer_slashing = "proposer_slashing",
  attester_slashing = "attester_slashing",
  sync_committee_contribution_and_proof = "sync_committee_contribution_and_proof",
  sync_committee = "sync_committee",
  bls_to_execution_change = "bls_to_execution_change",
  blob_sidecar = "blob_sidecar",
  data_column_sidecar = "data_column_sidecar",
  light_client_finality_update = "light_client_finality_update",
  light_client_optimistic_update = "light_client_optimistic_update",
}

/** The only encoding the spec defines for gossip. */
export const GOSSIP_ENCODING = "ssz_snappy";

/**
 * A parsed topic `/eth2/<fork_digest_hex>/<name>[_<subnet>]/ssz_snappy`. `forkDigest` is the hex
 * (lowercase, no 0x) the topic string carries; `fork` is the fork whose types its messages use
 * (since fulu several digests — blob-parameter forks — can share one fork). `subnet` is set exactly
 * for beacon_attestation, sync_committee, blob_sidecar and data_column_sidecar.
 */
export interface GossipTopic {
  type: GossipType;
  fork: ForkName;
  forkDigest: string;
  subnet?: number;
}

type SignedBeaconBlockAnyFork =
  | ValueOf<typeof phase0.SignedBeaconBlock>
  | ValueOf<typeof altair.SignedBeaconBlock>
  | ValueOf<typeof capella.SignedBeaconBlock>
  | ValueOf<typeof deneb.SignedBeaconBlock>
  | ValueOf<typeof electra.SignedBeaconBlock>;

/** The deserialized message of each topic (the type in force at the topic's fork). */
export interface GossipTypeMap {
  [GossipType.beacon_block]: SignedBeaconBlockAnyFork;
  [GossipType.beacon_aggregate_and_proof]: ValueOf<typeof phase0.SignedAggregateAndProof> | ValueOf<typeof electra.SignedAggregateAndProof>;
  /** phase0..deneb: Attestation; electra+: SingleAttestation. */
  [GossipType.beacon_attestation]: ValueOf<typeof phase0.Attestation> | ValueOf<typeof electra.SingleAttestation>;
  [GossipType.voluntary_exit]: ValueOf<typeof phase0.SignedVoluntaryExit>;
  [GossipType.proposer_slashing]: ValueOf<typeof phase0.ProposerSlashing>;
  [GossipType.attester_slashing]: ValueOf<typeof phase0.AttesterSlashing> | ValueOf<typeof electra.AttesterSlashing>;
  [GossipType.sync_committee_contribution_and_proof]: ValueOf<typeof altair.SignedContributionAndProof>;
  [GossipType.sync_committee]: ValueOf<typeof altair.SyncCommitteeMessage>;
  [GossipType.bls_to_execution_change]: ValueOf<typeof capella.SignedBLSToExecutionChange>;
  [GossipType.blob_sidecar]: ValueOf<typeof deneb.BlobSidecar>;
  [GossipType.data_column_sidecar]: ValueOf<typeof fulu.DataColumnSidecar>;
  [GossipType.light_client_finality_update]:
    | ValueOf<typeof altair.LightClientFinalityUpdate>
    | ValueOf<typeof capella.LightClientFinalityUpdate>
    | ValueOf<typeof deneb.LightClientFinalityUpdate>
    | ValueOf<typeof electra.LightClientFinalityUpdate>;
  [GossipType.light_client_optimistic_update]:
    | ValueOf<typeof altair.LightClientOptimisticUpdate>
    | ValueOf<typeof capella.LightClientOptimisticUpdate>
    | ValueOf<typeof deneb.LightClientOptimisticUpdate>
    | ValueOf<typeof electra.LightClientOptimisticUpdate>;
}

/** The gossipsub verdict (libp2p's MessageAcceptance), with the spec's reason for the log. */
export type GossipValidationResult =
  | {result: "accept"}
  | {result: "ignore"; reason: string}
  /** `peerAction` overrides the default penalty for a reject (LowToleranceError). */
  | {result: "reject"; reason: string; peerAction?: PeerAction};

export const gossipAccept = (): GossipValidationResult => ({result: "accept"});
export const gossipIgnore = (reason: string): GossipValidationResult => ({result: "ignore", reason});
export const gossipReject = (reason: string, peerAction?: PeerAction): GossipValidationResult =>
  peerAction === undefined ? {result: "reject", reason} : {result: "reject", reason, peerAction};

export interface GossipMeta {
  /** The peer that forwarded the message to us (the propagation source). */
  peerId: string;
  topic: GossipTopic;
  /** When the message arrived (before queueing), for the spec's clock-disparity checks and metrics. */
  seenTimestampMs: number;
  /** The spec message-id, hex. */
  msgId: string;
  /** The SSZ bytes as received (after snappy), so handlers can root or store them without re-serializing. */
  sszBytes: Uint8Array;
}

/**
 * What the beacon node implements: validate per the spec, then (on accept) import or pool. A handler
 * must not throw for bad input (it returns reject/ignore); a throw is treated as ignore and logged.
 */
export type GossipHandler<K extends GossipType> = (value: GossipTypeMap[K], meta: GossipMeta) => Promise<GossipValidationResult>;
export type GossipHandlers = {[K in GossipType]: GossipHandler<K>};

/** Structural logger (the node's pino logger satisfies it). */
export interface GossipLogger {
  error(msg: string, ctx?: Record<string, unknown>): void;
  warn(msg: string, ctx?: Record<string, unknown>): void;
  info(msg: string, ctx?: Record<string, unknown>): void;
  debug(msg: string, ctx?: Record<string, unknown>): void;
}

export type OnPeerAction = (peerId: string, action: PeerAction, reason: string) => void;
