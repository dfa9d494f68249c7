import {strict as assert} from "node:assert";
import {privateKeyFromRaw} from "@libp2p/crypto/keys";
import {peerIdFromPrivateKey} from "@libp2p/peer-id";
import {PeerAction} from "@hearth/network";
import {toHex} from "@hearth/config";
import {devChainConfig} from "../../../src/node/devGenesis.js";
import {ColumnFetcher} from "../../../src/node/columnFetcher.js";
import {PeerCustody} from "../../../src/node/peerCustody.js";
import type {BeaconChain} from "../../../src/chain/chain.js";
import {noopLogger} from "../../../src/chain/interface.js";

const peerOf = (byte: string): string => peerIdFromPrivateKey(privateKeyFromRaw(Uint8Array.from(Buffer.from(byte.repeat(32), "hex"))) as never).toString();

describe("node: ColumnFetcher (missing columns of waiting blocks, by root)", () => {
  const config = devChainConfig({preset: "minimal", forkEpochs: {}, secondsPerSlot: 3});
  const rootHex = toHex(new Uint8Array(32).fill(7));
  const superPeer = peerOf("22");
  const smallPeer = peerOf("11");
  const missing = [3, 40, 77];

  function setup(answer: () => Promise<unknown[]>) {
    const requests: {peerId: string; ids: {blockRoot: Uint8Array; columns: number[]}[]}[] = [];
    const reports: {peerId: string; action: PeerAction}[] = [];
    const added: unknown[] = [];
    const pending = {block: {message: {slot: 5, body: {blobKzgCommitments: [new Uint8Array(48)]}}}, opts: {source: "gossip"}, rootHex, commitmentCount: 1};
    const chain = {
      config,
      forkAtSlot: () => "fulu",
      dataAvailability: {
        pendingBlocks: {roots: () => [rootHex], get: (r: string) => (r === rootHex ? pending : undefined)},
        missingColumns: () => missing,
        addDataColumnSidecar: (s: unknown) => added.push(s),
      },
    } as unknown as BeaconChain;
    const network = {
      getConnectedPeers: () => [
        {peerId: smallPeer, status: {}, metadata: null},
        {peerId: superPeer, status: {}, metadata: {custodyGroupCount: 128}},
        {peerId: peerOf("33"), status: null, metadata: {custodyGroupCount: 128}}, // no handshake yet: not asked
      ],
      reqResp: {
        dataColumnSidecarsByRoot: async (peerId: string, ids: {blockRoot: Uint8Array; columns: number[]}[]) => {
          requests.push({peerId, ids});
          return answer();
        },
      },
      reportPeer: (peerId: string, action: PeerAction) => reports.push({peerId, action}),
    };
    const fetcher = new ColumnFetcher(chain, network as never, noopLogger, {gossipGraceMs: 1000, retryMs: 3000});
    return {fetcher, requests, reports, added};
  }

  it("waits out the gossip grace, then asks the peer that custodies the missing columns", async () => {
    const {fetcher, requests} = setup(async () => []);
    await fetcher.tick(10_000);
    assert.equal(requests.length, 0, "gossip still has time");
    await fetcher.tick(11_000);
    assert.equal(requests.length, 1);
    assert.equal(requests[0].peerId, superPeer);
    assert.equal(toHex(requests[0].ids[0].blockRoot), rootHex);
    assert.deepEqual(requests[0].ids[0].columns, missing);
    // not asked again before retryMs
    await fetcher.tick(12_000);
    assert.equal(requests.length, 1);
    await fetcher.tick(14_100);
    assert.equal(requests.length, 2);
    assert.equal(fetcher.stats.requests, 2);
  });

  it("a sidecar that was not asked for is not added, and its peer is penalised", async () => {
    const stranger = {index: 3, signedBlockHeader: {message: {slot: 5, proposerIndex: 0, parentRoot: new Uint8Array(32), stateRoot: new Uint8Array(32), bodyRoot: new Uint8Array(32)}, signature: new Uint8Array(96)}};
    const {fetcher, reports, added} = setup(async () => [stranger]);
    await fetcher.tick(0);
    await fetcher.tick(2000);
    assert.deepEqual(added, []);
    assert.deepEqual(reports, [{peerId: superPeer, action: PeerAction.LowToleranceError}]);
  });

  it("all waiting blocks go to a peer in one request, and no second one while it is in flight", async () => {
    const roots = [rootHex, toHex(new Uint8Array(32).fill(8))];
    const pending = (r: string) => ({block: {message: {slot: 5, body: {blobKzgCommitments: [new Uint8Array(48)]}}}, opts: {source: "gossip"}, rootHex: r, commitmentCount: 1});
    const chain = {
      config,
      forkAtSlot: () => "fulu",
      dataAvailability: {
        pendingBlocks: {roots: () => roots, get: (r: string) => (roots.includes(r) ? pending(r) : undefined)},
        missingColumns: () => missing,
        addDataColumnSidecar: () => {},
      },
    } as unknown as BeaconChain;
    const requests: {peerId: string; ids: {blockRoot: Uint8Array; columns: number[]}[]}[] = [];
    let answer: (v: unknown[]) => void = () => {};
    const network = {
      getConnectedPeers: () => [{peerId: superPeer, status: {}, metadata: {custodyGroupCount: 128}}],
      reqResp: {
        dataColumnSidecarsByRoot: (peerId: string, ids: {blockRoot: Uint8Array; columns: number[]}[]) => {
          requests.push({peerId, ids});
          return new Promise<unknown[]>((resolve) => (answer = resolve));
        },
      },
      reportPeer: () => {},
    };
    const fetcher = new ColumnFetcher(chain, network as never, noopLogger, {gossipGraceMs: 0, retryMs: 100});
    const first = fetcher.tick(1000);
    assert.equal(requests.length, 1);
    assert.deepEqual(
      requests[0].ids.map((id) => [toHex(id.blockRoot), id.columns]),
      roots.map((r) => [r, missing])
    );
    // retryMs has passed, but the first answer has not come: the peer is not asked again
    await fetcher.tick(5000);
    assert.equal(requests.length, 1);
    answer([]);
    await first;
    const third = fetcher.tick(5001);
    assert.equal(requests.length, 2, "asked again once its answer came (empty) and retryMs passed");
    answer([]);
    await third;
  });

  it("the default peer is asked only for what it custodies", () => {
    const custody = new PeerCustody(config);
    const own = [...custody.columnsOf({peerId: smallPeer, metadata: null})];
    const {byPeer} = custody.assign([{peerId: smallPeer, metadata: null}], [...own, ...missing.filter((c) => !own.includes(c))]);
    assert.deepEqual(byPeer.get(smallPeer), own.sort((a, b) => a - b));
  });
});
