// The node's gossip front: subscribes topics per fork digest, decodes each received message, runs the
// node's handler through a bounded per-type queue, reports the verdict to gossipsub (which forwards
// only accepted messages) and penalises the sender of bad messages through onPeerAction.
import type {GossipSub, GossipsubMessage} from "@chainsafe/libp2p-gossipsub";
import {TopicValidatorResult} from "@libp2p/interface";
import {SLOTS_PER_EPOCH, type ForkName} from "@hearth/params";
import type {BeaconConfig, ForkDigestBoundary} from "@hearth/config";
import {PeerAction} from "../peers/score.js";
import {
  GossipType,
  type GossipHandlers,
  type GossipLogger,
  type GossipMeta,
  type GossipTopic,
  type GossipTypeMap,
  type GossipValidationResult,
  type OnPeerAction,
} from "./interface.js";
import {gossipDecodeError} from "./gossipsub.js";
import {GossipQueue, type GossipQueueOptions} from "./queue.js";
import {computeSubnetForDataColumnSidecar, coreTopicsAtBoundary, forkDigestHex, getGossipSszType, parseGossipTopic, stringifyGossipTopic, subnetCount, topicExistsAtFork} from "./topic.js";

/** Subscribe a fork's topics this many epochs before it, and keep the old ones this many after. */
export const FORK_TOPIC_LOOKAHEAD_EPOCHS = 2;

/** Default queue shape per type: see GossipQueueOptions for LIFO vs FIFO. */
export const DEFAULT_GOSSIP_QUEUES: Record<GossipType, GossipQueueOptions> = {
  [GossipType.beacon_block]: {maxLength: 1024, maxConcurrency: 2, lifo: false},
  [GossipType.beacon_aggregate_and_proof]: {maxLength: 5120, maxConcurrency: 32, lifo: true},
  // Many at once, so the node's handler can gather their signatures into one BLS batch.
  [GossipType.beacon_attestation]: {maxLength: 24576, maxConcurrency: 128, lifo: true},
  [GossipType.voluntary_exit]: {maxLength: 4096, maxConcurrency: 4, lifo: false},
  [GossipType.proposer_slashing]: {maxLength: 4096, maxConcurrency: 4, lifo: false},
  [GossipType.attester_slashing]: {maxLength: 4096, maxConcurrency: 4, lifo: false},
  [GossipType.sync_committee_contribution_and_proof]: {maxLength: 4096, maxConcurrency: 16, lifo: true},
  [GossipType.sync_committee]: {maxLength: 4096, maxConcurrency: 64, lifo: true},
  [GossipType.bls_to_execution_change]: {maxLength: 16384, maxConcurrency: 4, lifo: false},
  [GossipType.blob_sidecar]: {maxLength: 4096, maxConcurrency: 8, lifo: false},
  // A supernode receives up to 128 columns per block; each costs a batched cell-proof check.
  [GossipType.data_column_sidecar]: {maxLength: 4096, maxConcurrency: 8, lifo: false},
  [GossipType.light_client_finality_update]: {maxLength: 1024, maxConcurrency: 2, lifo: true},
  [GossipType.light_client_optimistic_update]: {maxLength: 1024, maxConcurrency: 2, lifo: true},
};

/** The topics joined per subnet rather than as core topics. */
export type SubnetGossipType = GossipType.beacon_attestation | GossipType.sync_committee | GossipType.data_column_sidecar;

export interface GossipOptions {
  /** libp2p.services.pubsub of a node built with createGossipsubService. */
  pubsub: GossipSub;
  config: BeaconConfig;
  handlers: GossipHandlers;
  logger: GossipLogger;
  onPeerAction?: OnPeerAction;
  queues?: Partial<Record<GossipType, Partial<GossipQueueOptions>>>;
  now?: () => number;
}

interface Job {
  topic: GossipTopic;
  topicStr: string;
  msgId: string;
  peerId: string;
  data: Uint8Array;
  seenTimestampMs: number;
}

export type GossipCounter = "received" | "accepted" | "ignored" | "rejected" | "dropped" | "undecodable";

export class Gossip {
  private readonly pubsub: GossipSub;
  private readonly config: BeaconConfig;
  private readonly handlers: GossipHandlers;
  private readonly logger: GossipLogger;
  private readonly onPeerAction: OnPeerAction;
  private readonly now: () => number;
  private readonly queues: Record<GossipType, GossipQueue<Job>>;
  /** Topic strings we are subscribed to. */
  private readonly subscribed = new Map<string, GossipTopic>();
  /** Boundaries (by epoch) whose core topics we hold. */
  private readonly activeBoundaries = new Map<number, ForkDigestBoundary>();
  /** Subnet subscriptions, kept across fork switches. */
  private readonly subnets = new Set<string>();
  private readonly counters = new Map<string, number>();
  private started = false;
  private readonly listener = (evt: CustomEvent<GossipsubMessage>): void => this.onMessage(evt.detail);

  constructor(opts: GossipOptions) {
    this.pubsub = opts.pubsub;
    this.config = opts.config;
    this.handlers = opts.handlers;
    this.logger = opts.logger;
    this.onPeerAction = opts.onPeerAction ?? (() => {});
    this.now = opts.now ?? Date.now;
    const queues = {} as Record<GossipType, GossipQueue<Job>>;
    for (const type of Object.values(GossipType)) {
      const qopts = {...DEFAULT_GOSSIP_QUEUES[type], ...opts.queues?.[type]};
      queues[type] = new GossipQueue<Job>(qopts, (job) => this.runJob(job), (job) => this.dropJob(job));
    }
    this.queues = queues;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.pubsub.addEventListener("gossipsub:message", this.listener);
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.pubsub.removeEventListener("gossipsub:message", this.listener);
    for (const q of Object.values(this.queues)) q.clear();
    for (const topicStr of this.subscribed.keys()) this.pubsub.unsubscribe(topicStr);
    this.subscribed.clear();
    this.activeBoundaries.clear();
  }

  // ---- subscriptions ----

  /** Subscribes the core topics of a boundary (a ForkName means that fork's first boundary). */
  subscribeCoreTopics(at: ForkName | ForkDigestBoundary): void {
    const boundary = this.resolveBoundary(at);
    this.activeBoundaries.set(boundary.epoch, boundary);
    for (const topic of coreTopicsAtBoundary(this.config, boundary)) this.subscribeTopic(topic);
    for (const key of this.subnets) {
      const [type, subnet] = splitSubnetKey(key);
      this.subscribeSubnetAt(boundary, type, subnet);
    }
  }

  unsubscribeCoreTopics(at: ForkName | ForkDigestBoundary): void {
    const boundary = this.resolveBoundary(at);
    this.activeBoundaries.delete(boundary.epoch);
    const digest = forkDigestHex(boundary.digest);
    for (const [topicStr, topic] of this.subscribed) {
      if (topic.forkDigest === digest) this.unsubscribeTopic(topicStr);
    }
  }

  /** Joins an attestation, sync committee or data column subnet on every active fork digest. */
  subscribeSubnet(type: SubnetGossipType, subnet: number): void {
    this.subnets.add(`${type}:${subnet}`);
    for (const boundary of this.activeBoundaries.values()) this.subscribeSubnetAt(boundary, type, subnet);
  }

  /**
   * Holds exactly `subnets` of data_column_sidecar_{subnet} (the node's custody and sampling columns'
   * subnets, fulu das-core.md "Custody sampling"): joins the new ones, leaves the others. Kept across
   * fork boundaries like every subnet; topics exist only at fulu and later digests.
   */
  subscribeColumnSubnets(subnets: Iterable<number>): void {
    const want = new Set(subnets);
    for (const key of [...this.subnets]) {
      const [type, subnet] = splitSubnetKey(key);
      if (type === GossipType.data_column_sidecar && !want.has(subnet)) this.unsubscribeSubnet(type, subnet);
    }
    for (const subnet of want) {
      if (!Number.isInteger(subnet) || subnet < 0 || subnet >= this.config.chain.DATA_COLUMN_SIDECAR_SUBNET_COUNT) {
        throw new Error(`data column subnet ${subnet} out of range`);
      }
      if (!this.subnets.has(`${GossipType.data_column_sidecar}:${subnet}`)) this.subscribeSubnet(GossipType.data_column_sidecar, subnet);
    }
  }

  /** The data column subnets held (what subscribeColumnSubnets last set), ascending. */
  getColumnSubnets(): number[] {
    return [...this.subnets]
      .map(splitSubnetKey)
      .filter(([type]) => type === GossipType.data_column_sidecar)
      .map(([, subnet]) => subnet)
      .sort((a, b) => a - b);
  }

  unsubscribeSubnet(type: SubnetGossipType, subnet: number): void {
    this.subnets.delete(`${type}:${subnet}`);
    for (const [topicStr, topic] of this.subscribed) {
      if (topic.type === type && topic.subnet === subnet) this.unsubscribeTopic(topicStr);
    }
  }

  /**
   * Call at start and every epoch: holds the topics of the digest in force, of the next digest from
   * FORK_TOPIC_LOOKAHEAD_EPOCHS before its boundary (so our mesh is ready at the fork), and of the
   * previous digest until FORK_TOPIC_LOOKAHEAD_EPOCHS after (late messages of the old fork).
   * Fulu's blob-parameter boundaries change the digest without changing the fork: same treatment.
   */
  updateForkTopics(epoch: number): void {
    const wanted = boundariesAround(this.config.forkDigestBoundaries, epoch);
    for (const b of [...this.activeBoundaries.values()]) {
      if (!wanted.some((w) => w.epoch === b.epoch)) this.unsubscribeCoreTopics(b);
    }
    for (const b of wanted) if (!this.activeBoundaries.has(b.epoch)) this.subscribeCoreTopics(b);
  }

  getSubscribedTopics(): GossipTopic[] {
    return [...this.subscribed.values()];
  }

  // ---- publishing ----

  /** Serializes `value` with the topic's type and publishes it; returns how many peers it went to. */
  async publish<K extends GossipType>(topic: GossipTopic & {type: K}, value: GossipTypeMap[K]): Promise<number> {
    const bytes = getGossipSszType(topic.type, topic.fork).serialize(value);
    const res = await this.pubsub.publish(stringifyGossipTopic(topic), bytes);
    return res.recipients.length;
  }

  /** Publishes on the topic of the digest in force at `epoch` (the message's own epoch). */
  async publishAtEpoch<K extends GossipType>(type: K, epoch: number, value: GossipTypeMap[K], subnet?: number): Promise<number> {
    const topic = this.topicAtEpoch(type, epoch, subnet);
    return this.publish(topic, value);
  }

  /**
   * Publishes a data column sidecar on data_column_sidecar_{compute_subnet_for_data_column_sidecar(index)}
   * of the digest at its block's epoch; returns how many peers it went to.
   */
  async publishDataColumnSidecar(sidecar: GossipTypeMap[GossipType.data_column_sidecar]): Promise<number> {
    const epoch = Math.floor(sidecar.signedBlockHeader.message.slot / SLOTS_PER_EPOCH);
    return this.publishAtEpoch(GossipType.data_column_sidecar, epoch, sidecar, computeSubnetForDataColumnSidecar(this.config, sidecar.index));
  }

  topicAtEpoch<K extends GossipType>(type: K, epoch: number, subnet?: number): GossipTopic & {type: K} {
    const boundary = boundaryAt(this.config.forkDigestBoundaries, epoch);
    const topic: GossipTopic & {type: K} = {type, fork: boundary.fork, forkDigest: forkDigestHex(boundary.digest)};
    if (subnet !== undefined) topic.subnet = subnet;
    return topic;
  }

  // ---- receiving ----

  getCounter(type: GossipType | "all", counter: GossipCounter): number {
    return this.counters.get(`${type}:${counter}`) ?? 0;
  }

  queueLength(type: GossipType): number {
    return this.queues[type].length;
  }

  private onMessage({propagationSource, msgId, msg}: GossipsubMessage): void {
    const peerId = propagationSource.toString();
    let topic = this.subscribed.get(msg.topic);
    if (topic === undefined) {
      try {
        topic = parseGossipTopic(this.config, msg.topic);
      } catch (e) {
        // phase0/p2p-interface.md: clients MUST reject messages with an unknown topic.
        this.count("all", "rejected");
        this.verdict(msgId, peerId, TopicValidatorResult.Reject);
        this.penalise(peerId, PeerAction.LowToleranceError, `unknown topic: ${(e as Error).message}`);
        return;
      }
    }
    this.count(topic.type, "received");
    const decodeError = gossipDecodeError(msg.data);
    if (decodeError !== null) {
      // Bad snappy or a payload over the topic's size cap: invalid on every topic.
      this.count(topic.type, "undecodable");
      this.count(topic.type, "rejected");
      this.verdict(msgId, peerId, TopicValidatorResult.Reject);
      this.penalise(peerId, PeerAction.LowToleranceError, `undecodable ${topic.type}: ${decodeError.message}`);
      return;
    }
    this.queues[topic.type].push({topic, topicStr: msg.topic, msgId, peerId, data: msg.data, seenTimestampMs: this.now()});
  }

  private async runJob(job: Job): Promise<void> {
    const {topic} = job;
    let value: unknown;
    try {
      value = getGossipSszType(topic.type, topic.fork).deserialize(job.data);
    } catch (e) {
      this.finish(job, {result: "reject", reason: `bad SSZ: ${(e as Error).message}`});
      return;
    }
    const meta: GossipMeta = {peerId: job.peerId, topic, seenTimestampMs: job.seenTimestampMs, msgId: job.msgId, sszBytes: job.data};
    let result: GossipValidationResult;
    try {
      const handler = this.handlers[topic.type] as (v: unknown, m: GossipMeta) => Promise<GossipValidationResult>;
      result = await handler(value, meta);
    } catch (e) {
      // A handler bug is ours, not the peer's: ignore (no forward, no penalty) and log it.
      this.logger.error("gossip handler threw", {type: topic.type, error: (e as Error).message});
      result = {result: "ignore", reason: "handler error"};
    }
    this.finish(job, result);
  }

  private finish(job: Job, result: GossipValidationResult): void {
    const type = job.topic.type;
    switch (result.result) {
      case "accept":
        this.count(type, "accepted");
        this.verdict(job.msgId, job.peerId, TopicValidatorResult.Accept);
        return;
      case "ignore":
        this.count(type, "ignored");
        this.verdict(job.msgId, job.peerId, TopicValidatorResult.Ignore);
        this.logger.debug("gossip ignored", {type, peer: job.peerId, reason: result.reason});
        return;
      case "reject":
        this.count(type, "rejected");
        this.verdict(job.msgId, job.peerId, TopicValidatorResult.Reject);
        this.penalise(job.peerId, result.peerAction ?? PeerAction.LowToleranceError, `${type}: ${result.reason}`);
        return;
    }
  }

  private dropJob(job: Job): void {
    this.count(job.topic.type, "dropped");
    // Not the peer's fault that we are busy: ignore, which neither forwards nor penalises.
    this.verdict(job.msgId, job.peerId, TopicValidatorResult.Ignore);
  }

  private verdict(msgId: string, peerId: string, result: TopicValidatorResult): void {
    try {
      this.pubsub.reportMessageValidationResult(msgId, peerId, result);
    } catch (e) {
      this.logger.debug("gossip verdict not reported", {error: (e as Error).message});
    }
  }

  private penalise(peerId: string, action: PeerAction, reason: string): void {
    this.logger.debug("gossip penalty", {peer: peerId, action, reason: reason.slice(0, 300)});
    this.onPeerAction(peerId, action, reason);
  }

  private count(type: GossipType | "all", counter: GossipCounter): void {
    for (const key of [`${type}:${counter}`, ...(type === "all" ? [] : [`all:${counter}`])]) {
      this.counters.set(key, (this.counters.get(key) ?? 0) + 1);
    }
  }

  private subscribeSubnetAt(boundary: ForkDigestBoundary, type: GossipType, subnet: number): void {
    if (!topicExistsAtFork(type, boundary.fork) || subnet >= subnetCount(this.config, type, boundary)) return;
    this.subscribeTopic({type, fork: boundary.fork, forkDigest: forkDigestHex(boundary.digest), subnet});
  }

  private subscribeTopic(topic: GossipTopic): void {
    const topicStr = stringifyGossipTopic(topic);
    if (this.subscribed.has(topicStr)) return;
    this.subscribed.set(topicStr, topic);
    this.pubsub.subscribe(topicStr);
  }

  private unsubscribeTopic(topicStr: string): void {
    if (!this.subscribed.delete(topicStr)) return;
    this.pubsub.unsubscribe(topicStr);
  }

  private resolveBoundary(at: ForkName | ForkDigestBoundary): ForkDigestBoundary {
    if (typeof at !== "string") return at;
    const b = this.config.forkDigestBoundaries.find((x) => x.fork === at);
    if (b === undefined) throw new Error(`fork ${at} is not scheduled`);
    return b;
  }
}

function splitSubnetKey(key: string): [GossipType, number] {
  const i = key.lastIndexOf(":");
  return [key.slice(0, i) as GossipType, Number(key.slice(i + 1))];
}

export function boundaryAt(boundaries: readonly ForkDigestBoundary[], epoch: number): ForkDigestBoundary {
  for (let i = boundaries.length - 1; i >= 0; i--) if (epoch >= boundaries[i].epoch) return boundaries[i];
  return boundaries[0];
}

/** The boundaries whose topics a node holds at `epoch` (see Gossip.updateForkTopics). */
export function boundariesAround(boundaries: readonly ForkDigestBoundary[], epoch: number): ForkDigestBoundary[] {
  const current = boundaryAt(boundaries, epoch);
  const i = boundaries.indexOf(current);
  const out = [current];
  const next = boundaries[i + 1];
  if (next !== undefined && next.epoch - epoch <= FORK_TOPIC_LOOKAHEAD_EPOCHS) out.push(next);
  const prev = boundaries[i - 1];
  if (prev !== undefined && epoch < current.epoch + FORK_TOPIC_LOOKAHEAD_EPOCHS) out.push(prev);
  return out;
}
