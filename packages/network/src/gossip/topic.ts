// Topic strings ⇄ GossipTopic, and the SSZ type each topic carries at each fork.
// Spec: phase0/p2p-interface.md "Topics and messages": `/eth2/<ForkDigestValue>/<Name>/<Encoding>`,
// ForkDigestValue = lowercase hex of compute_fork_digest(genesis_validators_root, epoch), no 0x.
import type {Type} from "@chainsafe/ssz";
import {ATTESTATION_SUBNET_COUNT, isForkAtLeast, SYNC_COMMITTEE_SUBNET_COUNT, type ForkName} from "@hearth/params";
import {sszTypesFor} from "@hearth/types";
import {fromHex, toHex, type BeaconConfig, type ForkDigestBoundary} from "@hearth/config";
import {GOSSIP_ENCODING, GossipType, type GossipTopic} from "./interface.js";

export enum GossipTopicErrorCode {
  MALFORMED = "GOSSIP_TOPIC_MALFORMED",
  UNKNOWN_FORK_DIGEST = "GOSSIP_TOPIC_UNKNOWN_FORK_DIGEST",
  UNKNOWN_NAME = "GOSSIP_TOPIC_UNKNOWN_NAME",
  BAD_SUBNET = "GOSSIP_TOPIC_BAD_SUBNET",
  NOT_AT_FORK = "GOSSIP_TOPIC_NOT_AT_FORK",
}

export class GossipTopicError extends Error {
  constructor(
    readonly code: GossipTopicErrorCode,
    readonly topic: string,
  ) {
    super(`${code}: ${topic.slice(0, 200)}`);
    this.name = "GossipTopicError";
  }
}

/** The topics that carry a subnet (or sidecar index) suffix. */
export const SUBNET_TOPICS: ReadonlySet<GossipType> = new Set([GossipType.beacon_attestation, GossipType.sync_committee, GossipType.blob_sidecar, GossipType.data_column_sidecar]);

/** fulu p2p-interface.md compute_subnet_for_data_column_sidecar */
export function computeSubnetForDataColumnSidecar(config: BeaconConfig, columnIndex: number): number {
  return columnIndex % config.chain.DATA_COLUMN_SIDECAR_SUBNET_COUNT;
}

/** Hex of a digest as topic strings write it: lowercase, no 0x. */
export function forkDigestHex(digest: Uint8Array): string {
  return toHex(digest).slice(2);
}

export function stringifyGossipTopic(topic: GossipTopic): string {
  const name = SUBNET_TOPICS.has(topic.type) ? `${topic.type}_${topic.subnet}` : topic.type;
  return `/eth2/${topic.forkDigest}/${name}/${GOSSIP_ENCODING}`;
}

const NAME_RE = /^([a-z_]+?)(?:_(\d{1,3}))?$/;
const DIGEST_RE = /^[0-9a-f]{8}$/;
const gossipTypes = new Set<string>(Object.values(GossipType));

/**
 * Parses a topic string of one of our scheduled fork digests. Throws GossipTopicError for anything
 * else: the spec says clients MUST reject messages with an unknown topic.
 */
export function parseGossipTopic(config: BeaconConfig, topicStr: string): GossipTopic {
  const parts = topicStr.split("/");
  if (parts.length !== 5 || parts[0] !== "" || parts[1] !== "eth2" || parts[4] !== GOSSIP_ENCODING || !DIGEST_RE.test(parts[2])) {
    throw new GossipTopicError(GossipTopicErrorCode.MALFORMED, topicStr);
  }
  const boundary = config.forkBoundaryOfDigest(fromHex("0x" + parts[2]));
  if (boundary === null) throw new GossipTopicError(GossipTopicErrorCode.UNKNOWN_FORK_DIGEST, topicStr);

  let type: GossipType;
  let subnet: number | undefined;
  if (gossipTypes.has(parts[3]) && !SUBNET_TOPICS.has(parts[3] as GossipType)) {
    type = parts[3] as GossipType;
  } else {
    const m = NAME_RE.exec(parts[3]);
    if (m === null || m[2] === undefined || !gossipTypes.has(m[1]) || !SUBNET_TOPICS.has(m[1] as GossipType)) {
      throw new GossipTopicError(GossipTopicErrorCode.UNKNOWN_NAME, topicStr);
    }
    type = m[1] as GossipType;
    subnet = Number(m[2]);
    // No leading zeros: a topic string has exactly one spelling.
    if (String(subnet) !== m[2] || subnet >= subnetCount(config, type, boundary)) {
      throw new GossipTopicError(GossipTopicErrorCode.BAD_SUBNET, topicStr);
    }
  }
  if (!topicExistsAtFork(type, boundary.fork)) throw new GossipTopicError(GossipTopicErrorCode.NOT_AT_FORK, topicStr);
  const topic: GossipTopic = {type, fork: boundary.fork, forkDigest: parts[2]};
  if (subnet !== undefined) topic.subnet = subnet;
  return topic;
}

/** The fork a topic type first appears at, and (blob_sidecar) the fork it was replaced at. */
export function topicExistsAtFork(type: GossipType, fork: ForkName): boolean {
  switch (type) {
    case GossipType.sync_committee:
    case GossipType.sync_committee_contribution_and_proof:
    case GossipType.light_client_finality_update:
    case GossipType.light_client_optimistic_update:
      return isForkAtLeast(fork, "altair");
    case GossipType.bls_to_execution_change:
      return isForkAtLeast(fork, "capella");
    case GossipType.blob_sidecar:
      // fulu replaces blob sidecars with data column sidecars (fulu/p2p-interface.md "Deprecated").
      return isForkAtLeast(fork, "deneb") && !isForkAtLeast(fork, "fulu");
    case GossipType.data_column_sidecar:
      return isForkAtLeast(fork, "fulu");
    default:
      return true;
  }
}

/** How many subnets a subnet topic has at a boundary (blob sidecars: one per blob index). */
export function subnetCount(config: BeaconConfig, type: GossipType, boundary: Pick<ForkDigestBoundary, "fork" | "epoch">): number {
  switch (type) {
    case GossipType.beacon_attestation:
      return ATTESTATION_SUBNET_COUNT;
    case GossipType.sync_committee:
      return SYNC_COMMITTEE_SUBNET_COUNT;
    case GossipType.blob_sidecar:
      return isForkAtLeast(boundary.fork, "electra") ? config.chain.BLOB_SIDECAR_SUBNET_COUNT_ELECTRA : config.chain.BLOB_SIDECAR_SUBNET_COUNT;
    case GossipType.data_column_sidecar:
      return config.chain.DATA_COLUMN_SIDECAR_SUBNET_COUNT;
    default:
      return 0;
  }
}

/** The SSZ type of a topic's messages at `fork` (spec tables of each fork's p2p-interface.md). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function getGossipSszType(type: GossipType, fork: ForkName): Type<any> {
  const t = sszTypesFor(fork);
  switch (type) {
    case GossipType.beacon_block:
      return t.SignedBeaconBlock;
    case GossipType.beacon_aggregate_and_proof:
      return t.SignedAggregateAndProof;
    case GossipType.beacon_attestation:
      // electra/p2p-interface.md: the subnet topics carry SingleAttestation from electra on.
      return isForkAtLeast(fork, "electra") ? sszTypesFor("electra").SingleAttestation : t.Attestation;
    case GossipType.voluntary_exit:
      return t.SignedVoluntaryExit;
    case GossipType.proposer_slashing:
      return t.ProposerSlashing;
    case GossipType.attester_slashing:
      return t.AttesterSlashing;
    case GossipType.sync_committee_contribution_and_proof:
      return sszTypesFor("altair").SignedContributionAndProof;
    case GossipType.sync_committee:
      return sszTypesFor("altair").SyncCommitteeMessage;
    case GossipType.bls_to_execution_change:
      return sszTypesFor("capella").SignedBLSToExecutionChange;
    case GossipType.blob_sidecar:
      return sszTypesFor("deneb").BlobSidecar;
    case GossipType.data_column_sidecar:
      return sszTypesFor("fulu").DataColumnSidecar;
    case GossipType.light_client_finality_update:
      return lightClientTypes(fork).LightClientFinalityUpdate;
    case GossipType.light_client_optimistic_update:
      return lightClientTypes(fork).LightClientOptimisticUpdate;
  }
}

function lightClientTypes(fork: ForkName): ReturnType<typeof sszTypesFor<"altair">> | ReturnType<typeof sszTypesFor<"capella">> | ReturnType<typeof sszTypesFor<"deneb">> | ReturnType<typeof sszTypesFor<"electra">> {
  if (isForkAtLeast(fork, "electra")) return sszTypesFor("electra");
  if (isForkAtLeast(fork, "deneb")) return sszTypesFor("deneb");
  if (isForkAtLeast(fork, "capella")) return sszTypesFor("capella");
  return sszTypesFor("altair");
}

/** The largest SSZ encoding a topic's message can have at `fork`: the transform's decompression cap. */
export function maxGossipSszSize(type: GossipType, fork: ForkName): number {
  return getGossipSszType(type, fork).maxSize;
}

/**
 * The core topics a node subscribes at a boundary (every non-subnet topic the fork has). Subnet
 * topics (attestation, sync committee) are joined per duty; blob sidecar subnets are core too
 * (deneb/p2p-interface.md: nodes subscribe to every blob_sidecar_{subnet_id}); data column subnets
 * are joined per custody (Gossip.subscribeColumnSubnets), never all of them.
 */
export function coreTopicsAtBoundary(config: BeaconConfig, boundary: Pick<ForkDigestBoundary, "fork" | "epoch" | "digest">): GossipTopic[] {
  const forkDigest = forkDigestHex(boundary.digest);
  const topics: GossipTopic[] = [];
  for (const type of Object.values(GossipType)) {
    if (!topicExistsAtFork(type, boundary.fork)) continue;
    if (type === GossipType.blob_sidecar) {
      for (let subnet = 0; subnet < subnetCount(config, type, boundary); subnet++) topics.push({type, fork: boundary.fork, forkDigest, subnet});
    } else if (!SUBNET_TOPICS.has(type)) {
      topics.push({type, fork: boundary.fork, forkDigest});
    }
  }
  return topics;
}

/** Every topic string of a boundary, subnets included (for score parameters and allow-lists). */
export function allTopicsAtBoundary(config: BeaconConfig, boundary: ForkDigestBoundary): GossipTopic[] {
  const forkDigest = forkDigestHex(boundary.digest);
  const topics = coreTopicsAtBoundary(config, boundary);
  for (const type of [GossipType.beacon_attestation, GossipType.sync_committee, GossipType.data_column_sidecar]) {
    if (!topicExistsAtFork(type, boundary.fork)) continue;
    for (let subnet = 0; subnet < subnetCount(config, type, boundary); subnet++) topics.push({type, fork: boundary.fork, forkDigest, subnet});
  }
  return topics;
}
