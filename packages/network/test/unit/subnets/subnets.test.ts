import {strict as assert} from "node:assert";
import {minimalChainConfig} from "@hearth/config";
import {SHUFFLE_ROUND_COUNT, SLOTS_PER_EPOCH} from "@hearth/params";
import {
  computeSubnetForAttestation,
  computeSubscribedSubnets,
  LocalMetadata,
  nextSubnetRotationEpoch,
  SubnetsService,
  type SubnetKind,
} from "../../../src/index.js";

const config = minimalChainConfig; // EPOCHS_PER_SUBNET_SUBSCRIPTION 256, SUBNETS_PER_NODE 2, no extra bits
const MAX = (1n << 256n) - 1n;
const COFFEE = BigInt("0x" + "c0ffee".repeat(10) + "abcd");

/**
 * compute_subscribed_subnets(node_id, epoch), computed independently from the spec's Python text
 * (hashlib + compute_shuffled_index) for the preset's SHUFFLE_ROUND_COUNT.
 */
const VECTORS: Record<number, [bigint, number, number[]][]> = {
  90: [
    [0n, 0, [49, 50]],
    [0n, 256, [16, 17]],
    [1n, 255, [16, 17]],
    [MAX, 0, [57, 58]],
    [MAX, 255, [55, 56]],
    [MAX, 100000, [25, 26]],
    [COFFEE, 0, [21, 22]],
    [COFFEE, 256, [47, 48]],
    [COFFEE, 100000, [38, 39]],
  ],
  10: [
    [0n, 0, [62, 63]],
    [0n, 256, [58, 59]],
    [1n, 255, [58, 59]],
    [MAX, 0, [12, 13]],
    [MAX, 255, [10, 11]],
    [MAX, 100000, [1, 2]],
    [COFFEE, 0, [55, 56]],
    [COFFEE, 256, [50, 51]],
    [COFFEE, 100000, [32, 33]],
  ],
};

describe("subnets: compute_subscribed_subnets", () => {
  for (const [nodeId, epoch, expected] of VECTORS[SHUFFLE_ROUND_COUNT]) {
    it(`node ${nodeId.toString(16).slice(0, 8)}… at epoch ${epoch} → ${expected.join(",")}`, () => {
      assert.deepEqual(computeSubscribedSubnets(config, nodeId, epoch), expected);
    });
  }

  it("rotates at the node-specific boundary (node_id % 256 offsets the period)", () => {
    // node 1: offset 1, so the period changes between epochs 254 and 255
    assert.equal(nextSubnetRotationEpoch(config, 1n, 0), 255);
    assert.equal(nextSubnetRotationEpoch(config, 1n, 255), 511);
    assert.deepEqual(computeSubscribedSubnets(config, 1n, 254), computeSubscribedSubnets(config, 1n, 0));
    assert.deepEqual(computeSubscribedSubnets(config, 1n, 255), computeSubscribedSubnets(config, 1n, 510));
  });

  it("compute_subnet_for_attestation", () => {
    assert.equal(computeSubnetForAttestation(4, 0, 3), 3);
    // slot 1 of an epoch with 4 committees per slot, committee 2: 4*1+2
    assert.equal(computeSubnetForAttestation(4, 1, 2), 6);
    assert.equal(computeSubnetForAttestation(64, 1, 5), 5, "wraps at 64 subnets");
  });
});

describe("subnets: SubnetsService", () => {
  function setup(): {svc: SubnetsService; md: LocalMetadata; events: string[]} {
    const events: string[] = [];
    const md = new LocalMetadata(4);
    const svc = new SubnetsService({
      config,
      nodeId: 0n,
      metadata: md,
      onSubscribe: (k: SubnetKind, s: number) => events.push(`+${k}${s}`),
      onUnsubscribe: (k: SubnetKind, s: number) => events.push(`-${k}${s}`),
    });
    return {svc, md, events};
  }
  const longLived = (epoch: number): number[] => computeSubscribedSubnets(config, 0n, epoch);

  it("joins the long-lived subnets and advertises exactly them in attnets", () => {
    const {svc, md, events} = setup();
    svc.onSlot(0);
    const ll = longLived(0);
    assert.deepEqual(events.sort(), ll.map((s) => `+attnet${s}`).sort());
    assert.deepEqual(svc.getActiveSubnets("attnet"), [...ll].sort((a, b) => a - b));
    const bits = md.toMetadata().attnets.toBoolArray();
    assert.deepEqual(bits.flatMap((b, i) => (b ? [i] : [])), [...ll].sort((a, b) => a - b));
    assert.equal(md.seq, 1);
  });

  it("keeps an aggregator duty subnet until its slot ends, without advertising it", () => {
    const {svc, md, events} = setup();
    svc.onSlot(0);
    const ll = new Set(longLived(0));
    const duty = [...Array(64).keys()].find((s) => !ll.has(s))!;
    events.length = 0;
    svc.addAttnetDuties([
      {subnet: duty, slot: 5, isAggregator: true},
      {subnet: (duty + 1) % 64, slot: 5, isAggregator: false},
      {subnet: 99, slot: 5, isAggregator: true},
    ]);
    assert.deepEqual(events, [`+attnet${duty}`]);
    assert.equal(md.toMetadata().attnets.get(duty), false);
    const seq = md.seq;
    svc.onSlot(5);
    assert.ok(svc.getActiveSubnets("attnet").includes(duty));
    svc.onSlot(6);
    assert.deepEqual(events, [`+attnet${duty}`, `-attnet${duty}`]);
    assert.equal(md.seq, seq, "duty subnets do not change the metadata");
  });

  it("sync committee subnets last until their end epoch and show in syncnets", () => {
    const {svc, md, events} = setup();
    svc.onSlot(0);
    events.length = 0;
    svc.addSyncnetDuties([{subnet: 2, untilEpoch: 2}, {subnet: 7, untilEpoch: 2}]);
    assert.deepEqual(events, ["+syncnet2"]);
    assert.deepEqual(md.toMetadata().syncnets.toBoolArray(), [false, false, true, false]);
    svc.onSlot(2 * SLOTS_PER_EPOCH - 1);
    assert.deepEqual(events, ["+syncnet2"]);
    svc.onSlot(2 * SLOTS_PER_EPOCH);
    assert.deepEqual(events, ["+syncnet2", "-syncnet2"]);
    assert.deepEqual(md.toMetadata().syncnets.toBoolArray(), [false, false, false, false]);
  });
});
