import {strict as assert} from "node:assert";
import {privateKeyFromRaw} from "@libp2p/crypto/keys";
import {peerIdFromPrivateKey} from "@libp2p/peer-id";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {devChainConfig} from "../../../src/node/devGenesis.js";
import {fetchBatchSidecars} from "../../../src/sync/range/sidecars.js";
import type {BeaconChain} from "../../../src/chain/chain.js";
import {noopLogger} from "../../../src/chain/interface.js";

const peerOf = (byte: string): string => peerIdFromPrivateKey(privateKeyFromRaw(Uint8Array.from(Buffer.from(byte.repeat(32), "hex"))) as never).toString();
const block = (slot: number, blobs: number): SignedBeaconBlockAllForks =>
  ({message: {slot, body: {blobKzgCommitments: Array.from({length: blobs}, () => new Uint8Array(48))}}}) as unknown as SignedBeaconBlockAllForks;

describe("sync: a batch's sidecars by range", () => {
  const config = devChainConfig({preset: "minimal", forkEpochs: {}});
  const sampling = [1, 50, 99];

  function setup(fork: string, withinRetention = true) {
    const added: {kind: string; index: number}[] = [];
    const asked: {method: string; peerId: string; req: unknown}[] = [];
    const chain = {
      config,
      forkAtSlot: () => fork,
      dataAvailability: {
        isWithinRetention: () => withinRetention,
        custodyColumns: {samplingColumns: sampling},
        addDataColumnSidecar: (s: {index: number}) => added.push({kind: "column", index: s.index}),
        addBlobSidecar: (s: {index: number}) => added.push({kind: "blob", index: s.index}),
      },
    } as unknown as BeaconChain;
    const batchPeer = peerOf("11");
    const superPeer = peerOf("22");
    const network = {
      getConnectedPeers: () => [
        {peerId: batchPeer, status: {} as never, metadata: null},
        {peerId: superPeer, status: {} as never, metadata: {custodyGroupCount: 128} as never},
      ],
      reqResp: {
        blobSidecarsByRange: async (peerId: string, req: unknown) => (asked.push({method: "blobs", peerId, req}), [{index: 0}, {index: 1}] as never),
        dataColumnSidecarsByRange: async (peerId: string, req: {columns: number[]}) => (asked.push({method: "columns", peerId, req}), req.columns.map((index) => ({index})) as never),
      },
    };
    return {chain, network, added, asked, batchPeer, superPeer};
  }

  it("fulu: the sampling columns, asked of the peer that custodies them, go to the availability cache", async () => {
    const {chain, network, added, asked, batchPeer, superPeer} = setup("fulu");
    const out = await fetchBatchSidecars(chain, network, [block(8, 6), block(9, 0)], {peerId: batchPeer, startSlot: 8, count: 8, logger: noopLogger});
    assert.deepEqual(asked, [{method: "columns", peerId: superPeer, req: {startSlot: 8, count: 8, columns: sampling}}]);
    assert.deepEqual(added.map((a) => a.index), sampling);
    assert.deepEqual(out, {blobs: 0, columns: 3, uncovered: []});
  });

  it("deneb: blob sidecars by range from the batch's peer", async () => {
    const {chain, network, added, asked, batchPeer} = setup("deneb");
    await fetchBatchSidecars(chain, network, [block(8, 2)], {peerId: batchPeer, startSlot: 8, count: 8, logger: noopLogger});
    assert.deepEqual(asked, [{method: "blobs", peerId: batchPeer, req: {startSlot: 8, count: 8}}]);
    assert.deepEqual(added, [{kind: "blob", index: 0}, {kind: "blob", index: 1}]);
  });

  it("nothing is fetched for blocks without blobs or past the retention window", async () => {
    for (const [blocks, within] of [[[block(8, 0)], true], [[block(8, 6)], false]] as const) {
      const {chain, network, asked, batchPeer} = setup("fulu", within);
      await fetchBatchSidecars(chain, network, [...blocks], {peerId: batchPeer, startSlot: 8, count: 8, logger: noopLogger});
      assert.deepEqual(asked, []);
    }
  });
});
