import {strict as assert} from "node:assert";
import type {Libp2p} from "@libp2p/interface";
import type {ValueOf} from "@chainsafe/ssz";
import {SLOTS_PER_EPOCH, type ForkName} from "@hearth/params";
import {altair, deneb, p2p, sszTypesFor} from "@hearth/types";
import {PeerAction} from "../../../src/peers/score.js";
import {ReqResp, RequestError, RequestErrorCode, RespCode, ResponseError, type ReqRespHandlers, type ResponseChunk} from "../../../src/reqresp/index.js";
import {createNode, silentLogger, testConfig} from "./helpers.js";

const config = testConfig();
const forkAt = (slot: number): ForkName => config.forkAtEpoch(Math.floor(slot / SLOTS_PER_EPOCH));

/** Blocks at these slots: two altair, then one each of bellatrix, capella, deneb, electra. */
const SLOTS = [1, 2, SLOTS_PER_EPOCH + 1, 2 * SLOTS_PER_EPOCH + 1, 3 * SLOTS_PER_EPOCH + 1, 4 * SLOTS_PER_EPOCH + 1];
function makeBlock(slot: number): {fork: ForkName; slot: number; bytes: Uint8Array; root: Uint8Array} {
  const fork = forkAt(slot);
  const types = sszTypesFor(fork);
  const block = types.SignedBeaconBlock.defaultValue();
  block.message.slot = slot;
  block.message.proposerIndex = slot * 3;
  return {fork, slot, bytes: types.SignedBeaconBlock.serialize(block as never), root: types.BeaconBlock.hashTreeRoot(block.message as never)};
}
const BLOCKS = SLOTS.map(makeBlock);
const DENEB_SLOT = 3 * SLOTS_PER_EPOCH + 1;
function makeSidecar(index: number): ResponseChunk {
  const sidecar = deneb.BlobSidecar.defaultValue();
  sidecar.index = index;
  sidecar.signedBlockHeader.message.slot = DENEB_SLOT;
  return {fork: "deneb", slot: DENEB_SLOT, bytes: deneb.BlobSidecar.serialize(sidecar)};
}

export const STATUS: p2p.StatusV2 = {
  forkDigest: config.forkDigestAtEpoch(4),
  finalizedRoot: new Uint8Array(32).fill(1),
  finalizedEpoch: 2,
  headRoot: new Uint8Array(32).fill(2),
  headSlot: 97,
  earliestAvailableSlot: 5,
};

export function serverHandlers(calls: string[]): ReqRespHandlers {
  return {
    onStatus: async (s) => (calls.push(`status:${s.headSlot}:${s.earliestAvailableSlot ?? "v1"}`), STATUS),
    onGoodbye: async (reason) => void calls.push(`goodbye:${reason}`),
    onPing: async (seq) => (calls.push(`ping:${seq}`), 42),
    onMetadata: async () => ({seqNumber: 42, attnets: p2p.AttestationSubnets.defaultValue(), syncnets: p2p.SyncSubnets.defaultValue(), custodyGroupCount: 4}),
    async *onBeaconBlocksByRange(req) {
      for (const b of BLOCKS) if (b.slot >= req.startSlot && b.slot < req.startSlot + req.count) yield b;
    },
    async *onBeaconBlocksByRoot(roots) {
      for (const r of roots) {
        const b = BLOCKS.find((x) => Buffer.from(x.root).equals(Buffer.from(r)));
        if (b) yield b;
      }
    },
    async *onBlobSidecarsByRange(req) {
      if (req.startSlot <= DENEB_SLOT && DENEB_SLOT < req.startSlot + req.count) for (let i = 0; i < 3; i++) yield makeSidecar(i);
    },
    async *onBlobSidecarsByRoot(ids) {
      for (const id of ids) yield makeSidecar(id.index);
    },
    // Served with real sidecars in dataColumns.test.ts (a config with fulu).
    async *onDataColumnSidecarsByRange() {},
    async *onDataColumnSidecarsByRoot() {},
    onLightClientBootstrap: async (root) => {
      if (root[0] !== 0xaa) throw new ResponseError(RespCode.RESOURCE_UNAVAILABLE, "no bootstrap for that root");
      const value = altair.LightClientBootstrap.defaultValue();
      value.header.beacon.slot = 5;
      return {fork: "altair", slot: 5, bytes: altair.LightClientBootstrap.serialize(value)};
    },
    async *onLightClientUpdatesByRange(req) {
      for (let i = 0; i < req.count; i++) {
        const value = deneb.LightClientUpdate.defaultValue();
        value.attestedHeader.beacon.slot = DENEB_SLOT + i;
        yield {fork: "deneb", slot: DENEB_SLOT + i, bytes: deneb.LightClientUpdate.serialize(value)};
      }
    },
    onLightClientFinalityUpdate: async () => {
      throw new ResponseError(RespCode.RESOURCE_UNAVAILABLE, "no finality update yet");
    },
    onLightClientOptimisticUpdate: async () => {
      const value = deneb.LightClientOptimisticUpdate.defaultValue();
      value.attestedHeader.beacon.slot = DENEB_SLOT;
      return {fork: "deneb", slot: DENEB_SLOT, bytes: deneb.LightClientOptimisticUpdate.serialize(value)};
    },
  };
}

describe("reqresp: every protocol between two libp2p nodes on 127.0.0.1", function () {
  this.timeout(10_000);
  let serverNode: Libp2p, clientNode: Libp2p;
  let server: ReqResp, client: ReqResp;
  const calls: string[] = [];
  const actions: [string, PeerAction, string][] = [];

  before(async () => {
    [serverNode, clientNode] = await Promise.all([createNode(), createNode()]);
    server = new ReqResp({libp2p: serverNode, config, handlers: serverHandlers(calls), logger: silentLogger, onPeerAction: (...a) => actions.push(a)});
    client = new ReqResp({libp2p: clientNode, config, handlers: serverHandlers([]), logger: silentLogger});
    await Promise.all([server.start(), client.start()]);
    await clientNode.dial(serverNode.getMultiaddrs()[0]);
  });
  after(async () => {
    await Promise.all([server.stop(), client.stop()]);
    await Promise.all([serverNode.stop(), clientNode.stop()]);
  });

  it("status v2 (fulu field) and v1", async () => {
    const v2 = await client.status(serverNode.peerId, {...STATUS, headSlot: 11});
    assert.deepEqual(v2, STATUS);
    const {earliestAvailableSlot: _e, ...v1ours} = STATUS;
    const v1 = await client.status(serverNode.peerId.toString(), {...v1ours, headSlot: 12});
    assert.equal(v1.headSlot, 97);
    assert.equal(v1.earliestAvailableSlot, undefined);
    assert.deepEqual(calls.filter((c) => c.startsWith("status")), ["status:11:5", "status:12:v1"]);
  });

  it("ping, metadata v3, goodbye", async () => {
    assert.equal(await client.ping(serverNode.peerId, 7), 42);
    const md = await client.metadata(serverNode.peerId);
    assert.equal(md.seqNumber, 42);
    assert.equal(md.custodyGroupCount, 4);
    await client.goodbye(serverNode.peerId, 3);
    assert.ok(calls.includes("ping:7") && calls.includes("goodbye:3"));
  });

  it("beacon_blocks_by_range v2: blocks of four forks, each typed by its context bytes", async () => {
    const blocks = await client.beaconBlocksByRange(serverNode.peerId, {startSlot: 0, count: 200});
    assert.deepEqual(blocks.map((b) => b.message.slot), SLOTS);
    for (const [i, b] of blocks.entries()) {
      const fork = forkAt(b.message.slot);
      assert.deepEqual(sszTypesFor(fork).BeaconBlock.hashTreeRoot(b.message as never), BLOCKS[i].root, `root of slot ${b.message.slot} (${fork})`);
    }
    assert.ok("blobKzgCommitments" in blocks[4].message.body, "deneb block decoded with the deneb type");
    assert.ok(!("executionPayload" in blocks[0].message.body), "altair block decoded with the altair type");
  });

  it("beacon_blocks_by_root v2 returns the requested blocks only", async () => {
    const blocks = await client.beaconBlocksByRoot(serverNode.peerId, [BLOCKS[5].root, new Uint8Array(32), BLOCKS[1].root]);
    assert.deepEqual(blocks.map((b) => b.message.slot), [SLOTS[5], SLOTS[1]]);
  });

  it("blob_sidecars_by_range and by_root", async () => {
    const byRange = await client.blobSidecarsByRange(serverNode.peerId, {startSlot: DENEB_SLOT, count: 1});
    assert.deepEqual(byRange.map((s) => s.index), [0, 1, 2]);
    const byRoot = await client.blobSidecarsByRoot(serverNode.peerId, [{blockRoot: BLOCKS[4].root, index: 5}]);
    assert.deepEqual(byRoot.map((s) => s.index), [5]);
  });

  it("light-client protocols, with RESOURCE_UNAVAILABLE answered as a typed error", async () => {
    const bootstrap = await client.lightClientBootstrap(serverNode.peerId, new Uint8Array(32).fill(0xaa));
    assert.equal(bootstrap.fork, "altair");
    assert.equal((bootstrap.data as ValueOf<typeof altair.LightClientBootstrap>).header.beacon.slot, 5);
    await assert.rejects(client.lightClientBootstrap(serverNode.peerId, new Uint8Array(32)), (e: RequestError) => {
      return e.code === RequestErrorCode.ERROR_RESPONSE && e.detail.respCode === RespCode.RESOURCE_UNAVAILABLE && e.detail.errorMessage === "no bootstrap for that root";
    });
    const updates = await client.lightClientUpdatesByRange(serverNode.peerId, {startPeriod: 0, count: 2});
    assert.deepEqual(updates.map((u) => u.fork), ["deneb", "deneb"]);
    await assert.rejects(client.lightClientFinalityUpdate(serverNode.peerId), (e: RequestError) => e.detail.respCode === RespCode.RESOURCE_UNAVAILABLE);
    const optimistic = await client.lightClientOptimisticUpdate(serverNode.peerId);
    assert.equal(optimistic.fork, "deneb");
    assert.deepEqual(actions, [], "no peer was penalised for honest traffic");
  });
});
