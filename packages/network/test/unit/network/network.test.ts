// Two (and three) real Network instances on 127.0.0.1 with discv5 off: static peering via
// directPeers, the status handshake through real req/resp, and the disconnect of a peer whose fork
// digest is not ours. Req/resp handlers are stubs that answer status from a fixed chain view.
import {strict as assert} from "node:assert";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {createBeaconConfig, minimalChainConfig, type BeaconConfig, type ChainConfig} from "@hearth/config";
import type {p2p} from "@hearth/types";
import {
  GoodbyeReasonCode,
  GossipType,
  gossipAccept,
  PeerAction,
  Network,
  silentLogger,
  type AnyStatus,
  type GossipHandlers,
  type NetworkReqRespHandlers,
} from "../../../src/index.js";

function config(gvrByte: number): BeaconConfig {
  const chain: ChainConfig = {...minimalChainConfig, ALTAIR_FORK_EPOCH: 0};
  return createBeaconConfig(chain, new Uint8Array(32).fill(gvrByte));
}

function statusOf(cfg: BeaconConfig, headSlot: number): p2p.StatusV2 {
  return {
    forkDigest: cfg.forkDigestAtEpoch(0),
    finalizedRoot: new Uint8Array(32),
    finalizedEpoch: 0,
    headRoot: new Uint8Array(32).fill(headSlot % 256),
    headSlot,
    earliestAvailableSlot: 0,
  };
}

function stubReqResp(status: () => p2p.StatusV2, received: AnyStatus[], goodbyes: number[] = []): NetworkReqRespHandlers {
  const none = async function* (): AsyncIterable<never> {};
  const unavailable = async (): Promise<never> => {
    throw new Error("not served by this stub");
  };
  return {
    onStatus: async (peerStatus) => {
      received.push(peerStatus);
      return status();
    },
    onGoodbye: async (reason) => {
      goodbyes.push(reason);
    },
    onBeaconBlocksByRange: none,
    onBeaconBlocksByRoot: none,
    onBlobSidecarsByRange: none,
    onBlobSidecarsByRoot: none,
    onDataColumnSidecarsByRange: none,
    onDataColumnSidecarsByRoot: none,
    onLightClientBootstrap: unavailable,
    onLightClientUpdatesByRange: none,
    onLightClientFinalityUpdate: unavailable,
    onLightClientOptimisticUpdate: unavailable,
  };
}

const acceptAll = Object.fromEntries(Object.values(GossipType).map((t) => [t, async () => gossipAccept()])) as unknown as GossipHandlers;

interface TestNode {
  network: Network;
  received: AnyStatus[];
  goodbyes: number[];
  dataDir: string;
}

async function startNode(cfg: BeaconConfig, headSlot: number, directPeers: string[] = []): Promise<TestNode> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-net-"));
  const received: AnyStatus[] = [];
  const goodbyes: number[] = [];
  const network = await Network.init({
    config: cfg,
    logger: silentLogger,
    dataDir,
    host: "127.0.0.1",
    port: 0,
    discv5: false,
    directPeers,
    targetPeers: 10,
    maxPeers: 12,
    reqRespHandlers: stubReqResp(() => statusOf(cfg, headSlot), received, goodbyes),
    gossipHandlers: acceptAll,
    getStatus: () => statusOf(cfg, headSlot),
    currentSlot: () => 0,
    peerManager: {inboundStatusGraceMs: 500, heartbeatIntervalMs: 500},
  });
  return {network, received, goodbyes, dataDir};
}

function once<T extends unknown[]>(network: Network, event: "peerConnected" | "peerDisconnected", timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no ${event} within ${timeoutMs} ms`)), timeoutMs);
    network.once(event, (...args: unknown[]) => {
      clearTimeout(t);
      resolve(args as T);
    });
  });
}

function addrOf(n: Network): string {
  return n.localMultiaddrs()[0].toString();
}

describe("network: two Networks on 127.0.0.1", function () {
  this.timeout(10_000);
  const nodes: TestNode[] = [];
  afterEach(async () => {
    await Promise.all(nodes.map((n) => n.network.close()));
    for (const n of nodes) fs.rmSync(n.dataDir, {recursive: true, force: true});
    nodes.length = 0;
  });

  it("connect via directPeers and complete the status handshake both ways", async () => {
    const cfg = config(1);
    const a = await startNode(cfg, 40);
    nodes.push(a);
    assert.match(addrOf(a.network), /^\/ip4\/127\.0\.0\.1\/tcp\/\d+\/p2p\/16Uiu2/);
    assert.notEqual(addrOf(a.network).split("/")[4], "0", "bound a real port");
    const aConnected = once<[string, AnyStatus]>(a.network, "peerConnected", 8_000);

    const b = await startNode(cfg, 7, [addrOf(a.network)]);
    nodes.push(b);
    const [peerOfB, statusOfA] = await once<[string, AnyStatus]>(b.network, "peerConnected", 8_000);
    const [peerOfA, statusOfB] = await aConnected;

    assert.equal(peerOfB, a.network.peerId.toString());
    assert.equal(peerOfA, b.network.peerId.toString());
    assert.equal(statusOfA.headSlot, 40);
    assert.equal(statusOfB.headSlot, 7);
    // B dialled, so A's handler saw B's status request
    assert.equal(a.received.length >= 1, true);
    assert.equal(a.received[0].headSlot, 7);

    const peersOfB = b.network.getConnectedPeers();
    assert.equal(peersOfB.length, 1);
    assert.equal(peersOfB[0].direction, "outbound");
    assert.equal(peersOfB[0].status?.headSlot, 40);
    assert.equal(peersOfB[0].score, 0);
    assert.equal(a.network.getConnectedPeers()[0].direction, "inbound");
    assert.deepEqual(b.network.getSyncPeers().map((p) => p.peerId), [a.network.peerId.toString()]);

    // metadata is fetched after the handshake: A's long-lived attnets as A advertises them
    const deadline = Date.now() + 3_000;
    while (b.network.getConnectedPeers()[0].metadata === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const md = b.network.getConnectedPeers()[0].metadata;
    assert.ok(md);
    assert.deepEqual(md.attnets.toBoolArray(), a.network.getMetadata().attnets.toBoolArray());
    assert.equal(md.attnets.toBoolArray().filter(Boolean).length, 2, "SUBNETS_PER_NODE long-lived subnets");
  });

  it("disconnects a peer on another fork digest with a goodbye, within 10 s", async () => {
    const a = await startNode(config(1), 40);
    nodes.push(a);
    let aConnectedEvents = 0;
    a.network.on("peerConnected", () => aConnectedEvents++);
    const start = Date.now();
    // C runs another chain (different genesis validators root → different fork digest)
    const c = await startNode(config(2), 40, [addrOf(a.network)]);
    nodes.push(c);
    const [gone] = await once<[string]>(a.network, "peerDisconnected", 8_000);
    assert.equal(gone, c.network.peerId.toString());
    assert.ok(Date.now() - start < 10_000);
    assert.equal(aConnectedEvents, 0, "no handshake succeeded");
    assert.equal(a.network.getConnectedPeers().length, 0);
    assert.deepEqual(c.network.getSyncPeers(), []);
    // whichever side judged first told the other why: 2 = irrelevant network
    const deadline = Date.now() + 2_000;
    while (a.goodbyes.length + c.goodbyes.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.ok([...a.goodbyes, ...c.goodbyes].includes(GoodbyeReasonCode.IRRELEVANT_NETWORK), `goodbyes ${[...a.goodbyes, ...c.goodbyes]}`);
  });

  it("bans a peer reported Fatal: goodbye BANNED, and its redials are refused", async () => {
    const cfg = config(1);
    const a = await startNode(cfg, 40);
    nodes.push(a);
    const aConnected = once<[string, AnyStatus]>(a.network, "peerConnected", 8_000);
    const b = await startNode(cfg, 7, [addrOf(a.network)]);
    nodes.push(b);
    const [bId] = await aConnected;
    let reconnects = 0;
    a.network.on("peerConnected", () => reconnects++);
    const gone = once<[string]>(a.network, "peerDisconnected", 5_000);
    a.network.reportPeer(bId, PeerAction.Fatal, "test");
    assert.equal((await gone)[0], bId);
    assert.equal(a.network.peerManager.isBanned(bId), true);
    assert.ok(a.network.peerManager.getScore(bId) <= -50);
    const deadline = Date.now() + 2_000;
    while (!b.goodbyes.includes(GoodbyeReasonCode.BANNED) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(b.goodbyes, [GoodbyeReasonCode.BANNED]);
    // B keeps A as a direct peer and redials every heartbeat (500 ms); A's gater refuses it
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal(reconnects, 0);
    assert.equal(a.network.getConnectedPeers().length, 0);
  });

  it("keeps the peer id across restarts of the same dataDir", async () => {
    const a = await startNode(config(1), 0);
    const id = a.network.peerId.toString();
    const enr = a.network.enr();
    await a.network.close();
    const again = await Network.init({
      config: config(1),
      logger: silentLogger,
      dataDir: a.dataDir,
      host: "127.0.0.1",
      port: 0,
      discv5: false,
      reqRespHandlers: stubReqResp(() => statusOf(config(1), 0), []),
      gossipHandlers: acceptAll,
      getStatus: () => statusOf(config(1), 0),
      currentSlot: () => 0,
    });
    nodes.push({network: again, received: [], goodbyes: [], dataDir: a.dataDir});
    assert.equal(again.peerId.toString(), id);
    assert.ok(enr.startsWith("enr:"));
  });
});
