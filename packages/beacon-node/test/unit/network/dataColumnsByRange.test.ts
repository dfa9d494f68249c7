// data_column_sidecars_by_range from a supernode's stored columns to a late joiner's range-sync batch
// (fulu p2p-interface.md "DataColumnSidecarsByRange v1"), with real KZG and the DB-backed sidecar
// store: the handler walks the canonical blocks of the range, skips empty slots and serves the asked
// columns in (slot, column) order; the joiner's batch fetch asks the columns of its sampling even of a
// peer whose MetaData (cgc) it has not got yet, so that the batch imports instead of failing
// DATA_UNAVAILABLE forever (the e2e's "Batch sidecars fetched … columns=0").
import {strict as assert} from "node:assert";
import {privateKeyFromRaw} from "@libp2p/crypto/keys";
import {peerIdFromPrivateKey} from "@libp2p/peer-id";
import {fulu} from "@hearth/types";
import {toHex} from "@hearth/config";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {computeBlockRoot} from "../../../src/chain/index.js";
import {createReqRespHandlers} from "../../../src/network/reqresp/index.js";
import {fetchBatchSidecars} from "../../../src/sync/range/sidecars.js";
import {nodeIdFromPeerId} from "../../../src/node/nodeId.js";
import {noopLogger} from "../../../src/chain/interface.js";
import {DevHarness} from "../chain/harness.js";

/** Two blobs per block: the cell proofs of more would only slow the file down. */
const BLOBS = 2;
const SEED = "hearth-da-chain";
const peerOf = (byte: string): string => peerIdFromPrivateKey(privateKeyFromRaw(Uint8Array.from(Buffer.from(byte.repeat(32), "hex"))) as never).toString();

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("network / data_column_sidecars_by_range: a supernode's stored columns to a late joiner's batch", function () {
  this.timeout(60_000);
  const superPeer = peerOf("22");
  let producer: DevHarness;
  const blocks: SignedBeaconBlockAllForks[] = [];

  before(async () => {
    producer = await DevHarness.create({fork: "fulu", validatorCount: 64, blobsPerBlock: BLOBS, blobSeed: SEED});
    producer.chain.dataAvailability.setCustody({nodeId: nodeIdFromPeerId(superPeer), supernode: true});
    // Blocks at slots 1, 2 and 4; slot 3 stays empty.
    for (const slot of [1, 2, 4]) {
      producer.setSlot(slot);
      blocks.push(await producer.proposeAndImport(slot));
    }
  });

  after(async () => {
    await producer?.chain.stop();
  });

  function handlers() {
    return createReqRespHandlers(producer.chain, {getMetadata: () => ({seqNumber: 0, attnets: null as never, syncnets: null as never, custodyGroupCount: 128}), logger: noopLogger});
  }

  it("serves every asked column of every canonical block of the range, (slot, column) ordered, bytes as stored", async () => {
    const columns = [115, 3, 96, 53, 61, 82, 88, 91];
    const chunks = await collect(handlers().onDataColumnSidecarsByRange({startSlot: 1, count: 8, columns}, "peer"));
    const got = chunks.map((c) => fulu.DataColumnSidecar.deserialize(c.bytes));
    const sorted = [...columns].sort((a, b) => a - b);
    assert.deepEqual(
      got.map((s) => [s.signedBlockHeader.message.slot, s.index]),
      [1, 2, 4].flatMap((slot) => sorted.map((c) => [slot, c]))
    );
    assert.deepEqual(
      chunks.map((c) => c.fork),
      got.map(() => "fulu")
    );
    const stored = await producer.chain.dataAvailability.getDataColumnSidecars(computeBlockRoot(producer.chain, blocks[2].message), [115]);
    assert.ok(Buffer.from(chunks[chunks.length - 1].bytes).equals(fulu.DataColumnSidecar.serialize(stored[0])), "the last chunk is column 115 of slot 4 as stored");
    assert.equal(got[0].kzgCommitments.length, BLOBS);
    // A range past the head, and one of the empty slot alone, answer nothing.
    assert.equal((await collect(handlers().onDataColumnSidecarsByRange({startSlot: 5, count: 8, columns}, "peer"))).length, 0);
    assert.equal((await collect(handlers().onDataColumnSidecarsByRange({startSlot: 3, count: 1, columns}, "peer"))).length, 0);
  });

  it("a late joiner's batch gets its sampling columns from a supernode whose cgc it does not know yet, and imports the batch", async () => {
    const joiner = await DevHarness.create({fork: "fulu", validatorCount: 64});
    try {
      joiner.chain.dataAvailability.setCustody({nodeId: nodeIdFromPeerId(peerOf("33"))});
      joiner.setSlot(5);
      const sampling = joiner.chain.dataAvailability.custodyColumns.samplingColumns;
      const requests: {peerId: string; columns: number[]}[] = [];
      const serve = handlers();
      const network = {
        // The status handshake is done; the metadata request has not answered (or failed).
        getConnectedPeers: () => [{peerId: superPeer, status: {} as never, metadata: null}],
        reqResp: {
          blobSidecarsByRange: async () => [],
          dataColumnSidecarsByRange: async (peerId: string, req: {startSlot: number; count: number; columns: number[]}) => {
            requests.push({peerId, columns: req.columns});
            const chunks = await collect(serve.onDataColumnSidecarsByRange(req, "joiner"));
            return chunks.map((c) => fulu.DataColumnSidecar.deserialize(c.bytes));
          },
        },
      };
      const result = await fetchBatchSidecars(joiner.chain, network, blocks, {peerId: superPeer, startSlot: 1, count: 8, logger: noopLogger});
      assert.deepEqual(requests, [{peerId: superPeer, columns: sampling}]);
      assert.equal(result.columns, blocks.length * sampling.length);
      assert.deepEqual(result.uncovered, []);
      for (const block of blocks) await joiner.chain.processBlock(block, {source: "sync"});
      assert.equal(joiner.chain.head.node.blockRoot, toHex(computeBlockRoot(producer.chain, blocks[2].message)));
      // The joiner keeps its custody columns (a subset of its sampling ones) of each block.
      const custody = joiner.chain.dataAvailability.custodyColumns.custodyColumns;
      const kept = await joiner.chain.dataAvailability.getDataColumnSidecars(computeBlockRoot(joiner.chain, blocks[0].message));
      assert.deepEqual(
        kept.map((s) => s.index),
        custody
      );
    } finally {
      await joiner.chain.stop();
    }
  });
});
