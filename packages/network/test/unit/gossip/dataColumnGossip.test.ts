// data_column_sidecar_{subnet_id} (fulu p2p-interface.md): the topic exists from fulu on with
// DATA_COLUMN_SIDECAR_SUBNET_COUNT subnets, a node holds only its custody subnets, publishing picks
// compute_subnet_for_data_column_sidecar, and malformed messages never reach the handler.
import {strict as assert} from "node:assert";
import snappy from "snappy";
import type {GossipSub} from "@chainsafe/libp2p-gossipsub";
import {createBeaconConfig, minimalChainConfig, type ChainConfig} from "@hearth/config";
import {fulu} from "@hearth/types";
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {
  Gossip,
  GossipTopicErrorCode,
  GossipType,
  computeSubnetForDataColumnSidecar,
  createSnappyDataTransform,
  createTopicSizeLimit,
  forkDigestHex,
  parseGossipTopic,
  stringifyGossipTopic,
  type GossipValidationResult,
} from "../../../src/index.js";
import {PeerAction} from "../../../src/peers/score.js";
import {FakePubsub, handlersAll} from "./gossip.test.js";

const config = createBeaconConfig(
  {...minimalChainConfig, ALTAIR_FORK_EPOCH: 0, BELLATRIX_FORK_EPOCH: 0, CAPELLA_FORK_EPOCH: 0, DENEB_FORK_EPOCH: 0, ELECTRA_FORK_EPOCH: 0, FULU_FORK_EPOCH: 2, BLOB_SCHEDULE: [{EPOCH: 3, MAX_BLOBS_PER_BLOCK: 12}]} as ChainConfig,
  new Uint8Array(32).fill(5)
);
const [electra, fuluB, bpo] = config.forkDigestBoundaries;
const fuluDigest = forkDigestHex(fuluB.digest);
const bpoDigest = forkDigestHex(bpo.digest);
const columnTopic = (digest: string, subnet: number): string => `/eth2/${digest}/data_column_sidecar_${subnet}/ssz_snappy`;

function sidecar(index: number, slot: number): fulu.DataColumnSidecar {
  const s = fulu.DataColumnSidecar.defaultValue();
  s.index = index;
  s.signedBlockHeader.message.slot = slot;
  s.kzgCommitments = [new Uint8Array(48)];
  s.column = [new Uint8Array(2048)];
  s.kzgProofs = [new Uint8Array(48)];
  return s;
}

describe("gossip: data_column_sidecar topics", () => {
  it("parses and stringifies the subnet topics of fulu digests only, subnets below DATA_COLUMN_SIDECAR_SUBNET_COUNT", () => {
    assert.equal(fuluB.fork, "fulu");
    assert.equal(bpo.fork, "fulu");
    const topic = {type: GossipType.data_column_sidecar, fork: "fulu" as const, forkDigest: bpoDigest, subnet: 127};
    assert.equal(stringifyGossipTopic(topic), columnTopic(bpoDigest, 127));
    assert.deepEqual(parseGossipTopic(config, columnTopic(bpoDigest, 127)), topic);
    const code = (s: string): string => {
      try {
        parseGossipTopic(config, s);
        return "parsed";
      } catch (e) {
        return (e as {code: string}).code;
      }
    };
    assert.equal(code(columnTopic(fuluDigest, 128)), GossipTopicErrorCode.BAD_SUBNET);
    assert.equal(code(columnTopic(fuluDigest, 1000)), GossipTopicErrorCode.UNKNOWN_NAME);
    assert.equal(code(`/eth2/${fuluDigest}/data_column_sidecar/ssz_snappy`), GossipTopicErrorCode.UNKNOWN_NAME);
    assert.equal(code(columnTopic(forkDigestHex(electra.digest), 3)), GossipTopicErrorCode.NOT_AT_FORK);
  });

  it("compute_subnet_for_data_column_sidecar is column % DATA_COLUMN_SIDECAR_SUBNET_COUNT", () => {
    assert.equal(config.chain.DATA_COLUMN_SIDECAR_SUBNET_COUNT, 128);
    assert.deepEqual([0, 5, 127].map((c) => computeSubnetForDataColumnSidecar(config, c)), [0, 5, 127]);
    const small = createBeaconConfig({...config.chain, DATA_COLUMN_SIDECAR_SUBNET_COUNT: 32}, new Uint8Array(32));
    assert.deepEqual([0, 33, 127].map((c) => computeSubnetForDataColumnSidecar(small, c)), [0, 1, 31]);
  });
});

describe("Gossip: column subnets follow custody, never all of them", () => {
  const transform = createSnappyDataTransform(createTopicSizeLimit(config));
  let n = 0;
  function setup(handler: () => Promise<GossipValidationResult>) {
    const pubsub = new FakePubsub();
    const actions: {peer: string; action: PeerAction}[] = [];
    const logger = {error: () => {}, warn: () => {}, info: () => {}, debug: () => {}};
    const gossip = new Gossip({pubsub: pubsub as unknown as GossipSub, config, handlers: handlersAll(handler), logger, onPeerAction: (peer, action) => actions.push({peer, action})});
    gossip.start();
    const deliver = (topic: string, wire: Uint8Array): void => {
      const data = transform.inboundTransform(topic, wire);
      pubsub.dispatchEvent(new CustomEvent("gossipsub:message", {detail: {propagationSource: {toString: () => "peerX"}, msgId: `c${n++}`, msg: {type: "unsigned", topic, data}}}));
    };
    return {pubsub, gossip, actions, deliver};
  }
  const columnTopicsOf = (pubsub: FakePubsub): string[] => [...pubsub.topics].filter((t) => t.includes("data_column_sidecar")).sort();
  const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

  it("core topics have no column subnet; subscribeColumnSubnets holds exactly the set given, on every fulu digest held", () => {
    const {pubsub, gossip} = setup(async () => ({result: "accept"}));
    gossip.subscribeCoreTopics(electra);
    gossip.subscribeColumnSubnets([1, 9, 5]);
    // electra has no such topic: remembered, not subscribed
    assert.deepEqual(columnTopicsOf(pubsub), []);
    assert.deepEqual(gossip.getColumnSubnets(), [1, 5, 9]);
    gossip.subscribeCoreTopics(fuluB);
    assert.deepEqual(columnTopicsOf(pubsub), [1, 5, 9].map((s) => columnTopic(fuluDigest, s)).sort());
    gossip.subscribeCoreTopics(bpo);
    gossip.subscribeColumnSubnets([5, 10]);
    assert.deepEqual(columnTopicsOf(pubsub), [columnTopic(bpoDigest, 10), columnTopic(bpoDigest, 5), columnTopic(fuluDigest, 10), columnTopic(fuluDigest, 5)].sort());
    assert.deepEqual(gossip.getColumnSubnets(), [5, 10]);
    // leaving the fulu digest keeps the columns on the BPO digest
    gossip.unsubscribeCoreTopics(fuluB);
    assert.deepEqual(columnTopicsOf(pubsub), [columnTopic(bpoDigest, 10), columnTopic(bpoDigest, 5)].sort());
    assert.throws(() => gossip.subscribeColumnSubnets([128]), /out of range/);
    // a supernode: every subnet
    gossip.subscribeColumnSubnets(Array.from({length: 128}, (_, i) => i));
    assert.equal(columnTopicsOf(pubsub).length, 128);
  });

  it("publishDataColumnSidecar goes to the column's subnet on the digest of its block's epoch", async () => {
    const {pubsub, gossip} = setup(async () => ({result: "accept"}));
    const epochSlots = (e: number): number => e * SLOTS_PER_EPOCH;
    await gossip.publishDataColumnSidecar(sidecar(77, epochSlots(2) + 1));
    await gossip.publishDataColumnSidecar(sidecar(3, epochSlots(3)));
    assert.deepEqual(pubsub.published.map((p) => p.topic), [columnTopic(fuluDigest, 77), columnTopic(bpoDigest, 3)]);
    assert.equal(fulu.DataColumnSidecar.deserialize(pubsub.published[0].data).index, 77);
  });

  it("bad snappy, bad SSZ, oversize, and subnets past the count are rejected and penalised; the handler sees only the good one", async () => {
    let handled = 0;
    const {pubsub, gossip, actions, deliver} = setup(async () => (handled++, {result: "accept"}));
    gossip.subscribeCoreTopics(fuluB);
    gossip.subscribeColumnSubnets([4]);
    const topic = columnTopic(fuluDigest, 4);
    deliver(topic, Uint8Array.from([0xff, 0xff, 0xff, 0xff])); // bad snappy
    deliver(topic, snappy.compressSync(Uint8Array.from([1, 2, 3]))); // bad SSZ
    // an offset pointing past the end: variable-size fields mangled
    const good = fulu.DataColumnSidecar.serialize(sidecar(4, 20));
    const mangled = Uint8Array.from(good);
    mangled[8] = 0xff;
    mangled[9] = 0xff;
    deliver(topic, snappy.compressSync(mangled));
    deliver(topic, Uint8Array.from([0xff, 0xff, 0xff, 0x7f, 0])); // announces 256 MiB, over the type's max size
    deliver(columnTopic(fuluDigest, 128), snappy.compressSync(good)); // no such subnet
    deliver(topic, snappy.compressSync(good));
    await settle();
    assert.equal(handled, 1);
    assert.deepEqual(pubsub.verdicts.map((v) => v.result), ["reject", "reject", "reject", "reject", "reject", "accept"]);
    assert.equal(actions.length, 5);
    assert.ok(actions.every((a) => a.peer === "peerX" && a.action === PeerAction.LowToleranceError));
    assert.equal(gossip.getCounter(GossipType.data_column_sidecar, "accepted"), 1);
  });
});
