// The libp2p `services.pubsub` factory: gossipsub with the consensus spec's parameters, message-id,
// snappy data transform, StrictNoSign and Hearth's topic scoring. NET-HOST passes the result of
// createGossipsubService(opts) to createLibp2p({services: {pubsub: ...}}).
import {createHash} from "node:crypto";
import {gossipsub, type GossipsubEvents, type GossipsubOpts} from "@chainsafe/libp2p-gossipsub";
import {SignaturePolicy, type DataTransform} from "@chainsafe/libp2p-gossipsub/types";
import type {PubSub, Message} from "@libp2p/interface";
import {SLOTS_PER_EPOCH} from "@hearth/params";
import type {BeaconConfig} from "@hearth/config";
import {
  compressGossip,
  decompressGossip,
  GossipEncodingError,
  maxMessageSize,
  msgIdInvalidSnappy,
  msgIdPhase0InvalidSnappy,
  msgIdPhase0ValidSnappy,
  msgIdValidSnappy,
} from "./encoding.js";
import {computeGossipScoreParams, GOSSIP_SCORE_THRESHOLDS} from "./scoring.js";
import {maxGossipSszSize, parseGossipTopic} from "./topic.js";

/** phase0/p2p-interface.md "Gossipsub Parameters". */
export const GOSSIP_D = 8;
export const GOSSIP_D_LOW = 6;
export const GOSSIP_D_HIGH = 12;
export const GOSSIP_D_LAZY = 6;
export const GOSSIP_HEARTBEAT_INTERVAL_MS = 700;
export const GOSSIP_FANOUT_TTL_MS = 60_000;
export const GOSSIP_MCACHE_LENGTH = 6;
export const GOSSIP_MCACHE_GOSSIP = 3;

/** seen_ttl = SLOT_DURATION_MS * SLOTS_PER_EPOCH * 2 // 1000 seconds (here in ms). */
export function gossipSeenTtlMs(config: BeaconConfig): number {
  return Math.floor((config.chain.SLOT_DURATION_MS * SLOTS_PER_EPOCH * 2) / 1000) * 1000;
}

/**
 * Inbound data that could not be decoded. The transform does not throw for it (gossipsub would then
 * drop it before computing a message-id): the spec gives such messages an id under
 * MESSAGE_DOMAIN_INVALID_SNAPPY, and the Gossip class rejects them and penalises the sender. Keyed by
 * the array the transform returned, which gossipsub hands on as `msg.data`.
 */
const undecodable = new WeakMap<Uint8Array, GossipEncodingError | Error>();

/** Why an inbound message's data could not be decoded, or null when it was decoded. */
export function gossipDecodeError(data: Uint8Array): Error | null {
  return undecodable.get(data) ?? null;
}

/** The topic's decompression cap: MAX_PAYLOAD_SIZE, or less when the topic's SSZ type is bounded lower. */
export function createTopicSizeLimit(config: BeaconConfig): (topic: string) => number {
  const cache = new Map<string, number>();
  const maxPayload = config.chain.MAX_PAYLOAD_SIZE;
  return (topicStr) => {
    let max = cache.get(topicStr);
    if (max === undefined) {
      try {
        const topic = parseGossipTopic(config, topicStr);
        max = Math.min(maxPayload, maxGossipSszSize(topic.type, topic.fork));
      } catch {
        // Unknown topic: 0 makes every payload undecodable; the Gossip class rejects it by topic anyway.
        max = 0;
      }
      // Bounded: only our scheduled topics are cached (unknown ones fall through uncached).
      if (max > 0) cache.set(topicStr, max);
    }
    return max;
  };
}

/** Raw snappy block compression with the spec's size caps. */
export function createSnappyDataTransform(maxSizeOfTopic: (topic: string) => number): DataTransform {
  return {
    inboundTransform(topic, data) {
      try {
        return decompressGossip(data, maxSizeOfTopic(topic));
      } catch (e) {
        undecodable.set(data, e as Error);
        return data;
      }
    },
    outboundTransform(_topic, data) {
      return compressGossip(data);
    },
  };
}

/** The altair+ spec message-id, from the transformed message (see `undecodable`). */
export function gossipMsgIdFn(msg: Message): Uint8Array {
  return undecodable.has(msg.data) ? msgIdInvalidSnappy(msg.topic, msg.data) : msgIdValidSnappy(msg.topic, msg.data);
}

/**
 * The message-id per topic: altair/p2p-interface.md says messages on topics of the phase0 fork
 * digest keep the phase0 id (no topic in the hash), all later digests use the altair one. A peer
 * that computed another id would see our IHAVE/IDONTWANT ids as unknown and re-send every message.
 */
export function createGossipMsgIdFn(config: BeaconConfig): (msg: Message) => Uint8Array {
  const phase0Digests = new Set(config.forkDigestBoundaries.filter((b) => b.fork === "phase0").map((b) => forkDigestHexOf(b.digest)));
  return (msg) => {
    if (phase0Digests.size > 0 && phase0Digests.has(topicDigest(msg.topic))) {
      return undecodable.has(msg.data) ? msgIdPhase0InvalidSnappy(msg.data) : msgIdPhase0ValidSnappy(msg.data);
    }
    return gossipMsgIdFn(msg);
  };
}

/** The ForkDigestValue of `/eth2/<digest>/<name>/<encoding>`, or "" for another shape. */
function topicDigest(topic: string): string {
  return topic.startsWith("/eth2/") ? topic.slice(6, topic.indexOf("/", 6)) : "";
}

function forkDigestHexOf(digest: Uint8Array): string {
  return Buffer.from(digest).toString("hex");
}

/**
 * The fast id for gossipsub's pre-decompression duplicate check: a hash of topic and raw data. It
 * must be collision resistant (a collision silently drops a different message as a duplicate), so a
 * cryptographic hash rather than a 32-bit one; SHA-1 is native and fast enough for 10 MiB.
 */
export function gossipFastMsgIdFn(rpcMsg: {topic: string; data?: Uint8Array}): string {
  const h = createHash("sha1").update(rpcMsg.topic);
  if (rpcMsg.data) h.update(rpcMsg.data);
  return h.digest("base64");
}

export function msgIdToHex(msgId: Uint8Array): string {
  return Buffer.from(msgId.buffer, msgId.byteOffset, msgId.byteLength).toString("hex");
}

export interface GossipsubServiceOptions {
  config: BeaconConfig;
  /** Peers gossipsub keeps direct (non-mesh, always forwarded) links with. */
  directPeers?: GossipsubOpts["directPeers"];
  /** The peer manager's score, added to gossipsub's (P5). */
  appSpecificScore?: (peerId: string) => number;
  /** Overrides, for tests (e.g. a faster heartbeat). */
  overrides?: Partial<GossipsubOpts>;
}

/** The GossipSub instance a libp2p node built with createGossipsubService exposes as services.pubsub. */
export type GossipsubService = PubSub<GossipsubEvents>;

export function createGossipsubService(opts: GossipsubServiceOptions): ReturnType<typeof gossipsub> {
  const {config} = opts;
  return gossipsub({
    D: GOSSIP_D,
    Dlo: GOSSIP_D_LOW,
    Dhi: GOSSIP_D_HIGH,
    Dlazy: GOSSIP_D_LAZY,
    heartbeatInterval: GOSSIP_HEARTBEAT_INTERVAL_MS,
    fanoutTTL: GOSSIP_FANOUT_TTL_MS,
    mcacheLength: GOSSIP_MCACHE_LENGTH,
    mcacheGossip: GOSSIP_MCACHE_GOSSIP,
    seenTTL: gossipSeenTtlMs(config),
    // phase0/p2p-interface.md: from, seqno, signature, key are omitted and must be absent.
    globalSignaturePolicy: SignaturePolicy.StrictNoSign,
    msgIdFn: createGossipMsgIdFn(config),
    fastMsgIdFn: gossipFastMsgIdFn,
    msgIdToStrFn: msgIdToHex,
    dataTransform: createSnappyDataTransform(createTopicSizeLimit(config)),
    // Messages are forwarded only after the Gossip class validated them and reported the verdict.
    asyncValidation: true,
    maxInboundDataLength: maxMessageSize(config.chain.MAX_PAYLOAD_SIZE),
    fallbackToFloodsub: false,
    floodPublish: true,
    // A lone dev node publishes its own blocks; that is not an error.
    allowPublishToZeroTopicPeers: true,
    ignoreDuplicatePublishError: true,
    directPeers: opts.directPeers ?? [],
    scoreParams: computeGossipScoreParams(config, opts.appSpecificScore),
    scoreThresholds: GOSSIP_SCORE_THRESHOLDS,
    ...opts.overrides,
  });
}
