import {strict as assert} from "node:assert";
import snappy from "snappy";
import {createBeaconConfig, minimalChainConfig, type ChainConfig} from "@hearth/config";
import {sszTypesFor} from "@hearth/types";
import type {GossipSub} from "@chainsafe/libp2p-gossipsub";
import {validatePeerScoreParams, validatePeerScoreThresholds} from "@chainsafe/libp2p-gossipsub/score";
import {
  Gossip,
  GossipEncodingErrorCode,
  GossipQueue,
  GossipTopicErrorCode,
  GossipType,
  computeGossipMsgId,
  computeGossipScoreParams,
  GOSSIP_SCORE_THRESHOLDS,
  gossipSeenTtlMs,
  createSnappyDataTransform,
  createTopicSizeLimit,
  decompressGossip,
  forkDigestHex,
  gossipMsgIdFn,
  createGossipMsgIdFn,
  msgIdToHex,
  msgIdValidSnappy,
  parseGossipTopic,
  stringifyGossipTopic,
  type GossipHandlers,
  type GossipValidationResult,
} from "../../../src/index.js";
import {PeerAction} from "../../../src/peers/score.js";

const GVR = new Uint8Array(32).fill(7);
const config = createBeaconConfig({...minimalChainConfig, ALTAIR_FORK_EPOCH: 0, BELLATRIX_FORK_EPOCH: 0, CAPELLA_FORK_EPOCH: 0, DENEB_FORK_EPOCH: 0, ELECTRA_FORK_EPOCH: 0, FULU_FORK_EPOCH: 4} as ChainConfig, GVR);
const electraDigest = forkDigestHex(config.forkDigestAtEpoch(0));
const TOPIC = "/eth2/01020304/beacon_block/ssz_snappy";

describe("gossip message-id (altair p2p-interface.md)", () => {
  it("valid snappy: SHA256(0x01000000 + uint64le(len(topic)) + topic + decompressed)[:20], as computed by hand", () => {
    // python3: sha256(b'\x01\0\0\0' + struct.pack('<Q', len(t)) + t + bytes([1,2,3])).hexdigest()[:40]
    assert.equal(msgIdToHex(msgIdValidSnappy(TOPIC, Uint8Array.from([1, 2, 3]))), "27ea9016031ea4c978e99a68aa90e04475815d60");
    assert.equal(msgIdToHex(computeGossipMsgId(TOPIC, snappy.compressSync(Uint8Array.from([1, 2, 3])), 100)), "27ea9016031ea4c978e99a68aa90e04475815d60");
  });

  it("invalid snappy: MESSAGE_DOMAIN_INVALID_SNAPPY over the raw data", () => {
    assert.equal(msgIdToHex(computeGossipMsgId(TOPIC, Uint8Array.from([0xff, 0xff, 0xff]), 100)), "9a0a345858ec73dac38d62dc5e03e9760fe3d81c");
  });

  it("the gossipsub msgIdFn picks the domain from the transform's verdict", () => {
    const transform = createSnappyDataTransform(() => 100);
    const good = transform.inboundTransform(TOPIC, snappy.compressSync(Uint8Array.from([1, 2, 3])));
    assert.equal(msgIdToHex(gossipMsgIdFn({type: "unsigned", topic: TOPIC, data: good})), "27ea9016031ea4c978e99a68aa90e04475815d60");
    const bad = transform.inboundTransform(TOPIC, Uint8Array.from([0xff, 0xff, 0xff]));
    assert.equal(msgIdToHex(gossipMsgIdFn({type: "unsigned", topic: TOPIC, data: bad})), "9a0a345858ec73dac38d62dc5e03e9760fe3d81c");
  });
});

describe("gossip message-id per fork digest (altair p2p-interface.md: phase0 topics keep the phase0 id)", () => {
  // phase0 at genesis, altair at epoch 1: two digests, two message-id functions.
  const twoForks = createBeaconConfig({...minimalChainConfig, ALTAIR_FORK_EPOCH: 1} as ChainConfig, GVR);
  const phase0Topic = `/eth2/${forkDigestHex(twoForks.forkDigestAtEpoch(0))}/beacon_block/ssz_snappy`;
  const altairTopic = `/eth2/${forkDigestHex(twoForks.forkDigestAtEpoch(1))}/beacon_block/ssz_snappy`;
  const msgIdFn = createGossipMsgIdFn(twoForks);
  const transform = createSnappyDataTransform(() => 100);

  it("phase0 digest: SHA256(MESSAGE_DOMAIN_VALID_SNAPPY + decompressed)[:20], no topic", () => {
    const data = transform.inboundTransform(phase0Topic, snappy.compressSync(Uint8Array.from([1, 2, 3])));
    // python3: hashlib.sha256(bytes([1,0,0,0, 1,2,3])).hexdigest()[:40]
    assert.equal(msgIdToHex(msgIdFn({type: "unsigned", topic: phase0Topic, data})), "7123811a98fae2f7277c286b6a9aba0ebd02c74a");
  });

  it("phase0 digest, invalid snappy: SHA256(MESSAGE_DOMAIN_INVALID_SNAPPY + raw data)[:20]", () => {
    const data = transform.inboundTransform(phase0Topic, Uint8Array.from([0xff, 0xff, 0xff]));
    // python3: hashlib.sha256(bytes([0,0,0,0, 255,255,255])).hexdigest()[:40]
    assert.equal(msgIdToHex(msgIdFn({type: "unsigned", topic: phase0Topic, data})), "d75acb8adcf7076212111cab0d827764b713660b");
  });

  it("altair digest: the topic-including id", () => {
    const data = transform.inboundTransform(altairTopic, snappy.compressSync(Uint8Array.from([1, 2, 3])));
    assert.equal(msgIdToHex(msgIdFn({type: "unsigned", topic: altairTopic, data})), msgIdToHex(msgIdValidSnappy(altairTopic, Uint8Array.from([1, 2, 3]))));
  });
});

describe("gossip encoding limits", () => {
  it("refuses an announced length above the cap before decompressing", () => {
    // varint 0xffffffff0f = 2^32-1 bytes announced, 6 bytes sent.
    assert.throws(() => decompressGossip(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0]), 1000), (e: {code: string}) => e.code === GossipEncodingErrorCode.UNCOMPRESSED_TOO_LARGE);
    assert.throws(() => decompressGossip(new Uint8Array(2000), 100), (e: {code: string}) => e.code === GossipEncodingErrorCode.COMPRESSED_TOO_LARGE);
    assert.throws(() => decompressGossip(Uint8Array.from([0x85]), 1000), (e: {code: string}) => e.code === GossipEncodingErrorCode.BAD_SNAPPY);
  });

  it("caps each topic at its SSZ type's max size", () => {
    const limit = createTopicSizeLimit(config);
    assert.equal(limit(`/eth2/${electraDigest}/voluntary_exit/ssz_snappy`), sszTypesFor("electra").SignedVoluntaryExit.maxSize);
    assert.equal(limit(`/eth2/${electraDigest}/beacon_block/ssz_snappy`), config.chain.MAX_PAYLOAD_SIZE);
    assert.equal(limit("/eth2/deadbeef/beacon_block/ssz_snappy"), 0);
  });
});

describe("gossipsub parameters", () => {
  it("score parameters pass gossipsub's own validation, for every topic of every digest", () => {
    const params = computeGossipScoreParams(config);
    validatePeerScoreParams(params);
    validatePeerScoreThresholds(GOSSIP_SCORE_THRESHOLDS);
    // electra: 64 attestation + 4 sync + 9 blob subnets + 9 other topics; fulu: no blob topics, 128 data column subnets.
    assert.equal(Object.keys(params.topics).length, 64 + 4 + 9 + 9 + (64 + 4 + 9 + 128));
    // seen_ttl = SLOT_DURATION_MS * SLOTS_PER_EPOCH * 2 // 1000 seconds.
    assert.equal(gossipSeenTtlMs(config), Math.floor((config.chain.SLOT_DURATION_MS * (process.env.HEARTH_PRESET === "minimal" ? 8 : 32) * 2) / 1000) * 1000);
  });
});

describe("gossip topics", () => {
  it("round-trips every core and subnet topic", () => {
    const topic = {type: GossipType.beacon_attestation, fork: "electra" as const, forkDigest: electraDigest, subnet: 63};
    const str = stringifyGossipTopic(topic);
    assert.equal(str, `/eth2/${electraDigest}/beacon_attestation_63/ssz_snappy`);
    assert.deepEqual(parseGossipTopic(config, str), topic);
    assert.deepEqual(parseGossipTopic(config, `/eth2/${electraDigest}/beacon_block/ssz_snappy`), {type: GossipType.beacon_block, fork: "electra", forkDigest: electraDigest});
  });

  it("rejects unknown digests, names, subnets and topics absent at the fork", () => {
    const code = (s: string): string => {
      try {
        parseGossipTopic(config, s);
        return "parsed";
      } catch (e) {
        return (e as {code: string}).code;
      }
    };
    assert.equal(code("/eth2/deadbeef/beacon_block/ssz_snappy"), GossipTopicErrorCode.UNKNOWN_FORK_DIGEST);
    assert.equal(code(`/eth2/${electraDigest}/beacon_blocks/ssz_snappy`), GossipTopicErrorCode.UNKNOWN_NAME);
    assert.equal(code(`/eth2/${electraDigest}/beacon_attestation_64/ssz_snappy`), GossipTopicErrorCode.BAD_SUBNET);
    assert.equal(code(`/eth2/${electraDigest}/beacon_attestation_07/ssz_snappy`), GossipTopicErrorCode.BAD_SUBNET);
    assert.equal(code(`/eth2/${electraDigest}/beacon_block/ssz`), GossipTopicErrorCode.MALFORMED);
    const fuluDigest = forkDigestHex(config.forkDigestAtEpoch(4));
    assert.equal(code(`/eth2/${fuluDigest}/blob_sidecar_0/ssz_snappy`), GossipTopicErrorCode.NOT_AT_FORK);
  });
});

describe("GossipQueue", () => {
  it("FIFO drops the new item when full; LIFO drops the oldest; both stay bounded", async () => {
    const dropped: number[] = [];
    const release: (() => void)[] = [];
    const processed: number[] = [];
    const fifo = new GossipQueue<number>({maxLength: 3, maxConcurrency: 1, lifo: false}, (n) => new Promise((r) => release.push(() => (processed.push(n), r()))), (n) => dropped.push(n));
    for (let i = 0; i < 10; i++) fifo.push(i);
    // 0 runs, 1..3 wait, 4..9 dropped.
    assert.equal(fifo.length, 3);
    assert.equal(fifo.droppedCount, 6);
    assert.deepEqual(dropped, [4, 5, 6, 7, 8, 9]);
    const lifoDropped: number[] = [];
    const lifo = new GossipQueue<number>({maxLength: 3, maxConcurrency: 1, lifo: true}, () => new Promise(() => {}), (n) => lifoDropped.push(n));
    for (let i = 0; i < 10; i++) lifo.push(i);
    assert.equal(lifo.length, 3);
    assert.deepEqual(lifoDropped, [1, 2, 3, 4, 5, 6]);
    release.shift()?.();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(processed, [0]);
    assert.equal(fifo.activeCount, 1);
  });
});

/** A stand-in for GossipSub: records subscriptions, verdicts and publishes, emits messages. */
export class FakePubsub extends EventTarget {
  readonly topics = new Set<string>();
  readonly verdicts: {msgId: string; peer: string; result: string}[] = [];
  subscribe(t: string): void {
    this.topics.add(t);
  }
  unsubscribe(t: string): void {
    this.topics.delete(t);
  }
  reportMessageValidationResult(msgId: string, peer: string, result: string): void {
    this.verdicts.push({msgId, peer, result});
  }
  readonly published: {topic: string; data: Uint8Array}[] = [];
  async publish(topic: string, data: Uint8Array): Promise<{recipients: unknown[]}> {
    this.published.push({topic, data});
    return {recipients: []};
  }
}

export function handlersAll(fn: () => Promise<GossipValidationResult>): GossipHandlers {
  const h = {} as Record<GossipType, () => Promise<GossipValidationResult>>;
  for (const t of Object.values(GossipType)) h[t] = fn;
  return h as unknown as GossipHandlers;
}

describe("Gossip: malformed input on every topic", () => {
  const transform = createSnappyDataTransform(createTopicSizeLimit(config));
  let msgCounter = 0;
  function deliver(pubsub: FakePubsub, topic: string, wire: Uint8Array, peer = "peerA"): void {
    const data = transform.inboundTransform(topic, wire);
    pubsub.dispatchEvent(new CustomEvent("gossipsub:message", {detail: {propagationSource: {toString: () => peer}, msgId: `m${msgCounter++}`, msg: {type: "unsigned", topic, data}}}));
  }
  function setup(handler: () => Promise<GossipValidationResult>, queues?: ConstructorParameters<typeof Gossip>[0]["queues"]) {
    const pubsub = new FakePubsub();
    const actions: {peer: string; action: PeerAction}[] = [];
    const logs: string[] = [];
    const logger = {error: (m: string) => logs.push(m), warn: () => {}, info: () => {}, debug: () => {}};
    const gossip = new Gossip({pubsub: pubsub as unknown as GossipSub, config, handlers: handlersAll(handler), logger, onPeerAction: (peer, action) => actions.push({peer, action}), queues});
    gossip.start();
    gossip.subscribeCoreTopics(config.forkDigestBoundaries[0]);
    return {pubsub, gossip, actions, logs};
  }
  const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

  it("subscribes every core topic of the fork", () => {
    const {pubsub} = setup(async () => ({result: "accept"}));
    // electra core: 10 non-subnet types (all but the two subnet ones) + 9 blob sidecar subnets - blob counted once above.
    assert.ok(pubsub.topics.has(`/eth2/${electraDigest}/beacon_block/ssz_snappy`));
    assert.ok(pubsub.topics.has(`/eth2/${electraDigest}/blob_sidecar_8/ssz_snappy`));
    assert.ok(!pubsub.topics.has(`/eth2/${electraDigest}/beacon_attestation_0/ssz_snappy`));
  });

  it("bad snappy, bad SSZ, oversize and wrong-digest messages are rejected and penalised on every topic, the handler never sees them", async () => {
    let handled = 0;
    const {pubsub, gossip, actions} = setup(async () => (handled++, {result: "accept"}));
    const topics = gossip.getSubscribedTopics().map(stringifyGossipTopic);
    topics.push(`/eth2/${electraDigest}/beacon_attestation_5/ssz_snappy`, `/eth2/${electraDigest}/sync_committee_1/ssz_snappy`);
    for (const topic of topics) {
      deliver(pubsub, topic, Uint8Array.from([0xff, 0xff, 0xff, 0xff])); // bad snappy
      deliver(pubsub, topic, snappy.compressSync(Uint8Array.from([1, 2, 3]))); // bad SSZ (too short for every type)
      deliver(pubsub, topic, Uint8Array.from([0xff, 0xff, 0xff, 0x7f, 0])); // announces 256 MiB
    }
    deliver(pubsub, "/eth2/deadbeef/beacon_block/ssz_snappy", snappy.compressSync(new Uint8Array(10)));
    await settle();
    const n = topics.length * 3 + 1;
    assert.equal(handled, 0);
    assert.equal(pubsub.verdicts.length, n);
    assert.ok(pubsub.verdicts.every((v) => v.result === "reject"));
    assert.equal(actions.length, n);
    assert.ok(actions.every((a) => a.peer === "peerA" && a.action === PeerAction.LowToleranceError));
    assert.equal(gossip.getCounter("all", "rejected"), n);
  });

  it("a flood is bounded: excess messages are ignored without penalty, the queue never grows past its cap", async () => {
    const pending: (() => void)[] = [];
    const {pubsub, gossip, actions} = setup(() => new Promise((r) => pending.push(() => r({result: "accept"}))), {[GossipType.voluntary_exit]: {maxLength: 100, maxConcurrency: 2}});
    const topic = `/eth2/${electraDigest}/voluntary_exit/ssz_snappy`;
    const exit = snappy.compressSync(sszTypesFor("electra").SignedVoluntaryExit.serialize(sszTypesFor("electra").SignedVoluntaryExit.defaultValue()));
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 20_000; i++) deliver(pubsub, topic, exit, `p${i % 7}`);
    await settle();
    assert.equal(gossip.queueLength(GossipType.voluntary_exit), 100);
    assert.equal(gossip.getCounter(GossipType.voluntary_exit, "dropped"), 20_000 - 100 - 2);
    assert.equal(pubsub.verdicts.filter((v) => v.result === "ignore").length, 20_000 - 102);
    assert.equal(actions.length, 0);
    // 20k messages of ~120 bytes held at most 102 at a time: far below 20 MB of growth.
    assert.ok(process.memoryUsage().heapUsed - before < 20 * 1024 * 1024);
    for (const p of pending.splice(0)) p();
    await settle();
    assert.equal(gossip.getCounter(GossipType.voluntary_exit, "accepted"), 2);
  });

  it("maps handler verdicts to gossipsub results and penalties; a throwing handler is ignored, not penalised", async () => {
    const results: (GossipValidationResult | Error)[] = [
      {result: "accept"},
      {result: "ignore", reason: "late"},
      {result: "reject", reason: "bad sig", peerAction: PeerAction.MidToleranceError},
      new Error("bug"),
    ];
    const {pubsub, actions, logs} = setup(async () => {
      const r = results.shift() as GossipValidationResult | Error;
      if (r instanceof Error) throw r;
      return r;
    }, {[GossipType.proposer_slashing]: {maxConcurrency: 1}});
    const topic = `/eth2/${electraDigest}/proposer_slashing/ssz_snappy`;
    const ps = snappy.compressSync(sszTypesFor("electra").ProposerSlashing.serialize(sszTypesFor("electra").ProposerSlashing.defaultValue()));
    for (let i = 0; i < 4; i++) deliver(pubsub, topic, ps);
    await settle();
    assert.deepEqual(pubsub.verdicts.map((v) => v.result), ["accept", "ignore", "reject", "ignore"]);
    assert.deepEqual(actions.map((a) => a.action), [PeerAction.MidToleranceError]);
    assert.equal(logs.length, 1);
  });
});
