// data_column_sidecars_by_range/1 and data_column_sidecars_by_root/1 between two libp2p nodes (fulu
// p2p-interface.md): round trips with typed sidecars, the requester's checks of a lying server
// (range, columns, order, inclusion proof, context bytes), and the responder's refusal of malformed
// or oversized requests. The sidecars carry real inclusion proofs; KZG is the beacon node's business.
import {strict as assert} from "node:assert";
import type {Libp2p} from "@libp2p/interface";
import {createProof, ProofType, type SingleProof} from "@chainsafe/persistent-merkle-tree";
import {NUMBER_OF_COLUMNS, SLOTS_PER_EPOCH} from "@hearth/params";
import {fulu, p2p, phase0} from "@hearth/types";
import {createBeaconConfig, minimalChainConfig, type ChainConfig} from "@hearth/config";
import {PeerAction} from "../../../src/peers/score.js";
import {BufferedSource, encodeSszSnappyBytes, readSszSnappyPayload, STREAM_IDENTIFIER, concat, encodeVarint} from "../../../src/encoding/index.js";
import {ReqResp, RequestError, RequestErrorCode, RespCode, protocolId, ReqRespMethod, computeMaxRequestDataColumnSidecars, type ReqRespHandlers, type ResponseChunk} from "../../../src/reqresp/index.js";
import {createNode, rawRequest, silentLogger} from "./helpers.js";
import {serverHandlers} from "./reqResp.test.js";

/** electra at genesis, fulu at epoch 1 (9 blobs), a blob-parameter fork at epoch 2 (12 blobs): two fulu digests. */
const chain: ChainConfig = {
  ...minimalChainConfig,
  ALTAIR_FORK_EPOCH: 0,
  BELLATRIX_FORK_EPOCH: 0,
  CAPELLA_FORK_EPOCH: 0,
  DENEB_FORK_EPOCH: 0,
  ELECTRA_FORK_EPOCH: 0,
  FULU_FORK_EPOCH: 1,
  BLOB_SCHEDULE: [
    {EPOCH: 1, MAX_BLOBS_PER_BLOCK: 9},
    {EPOCH: 2, MAX_BLOBS_PER_BLOCK: 12},
  ],
};
const config = createBeaconConfig(chain, new Uint8Array(32).fill(3));
const FULU_SLOT = SLOTS_PER_EPOCH; // first slot of epoch 1
const BPO_SLOT = 2 * SLOTS_PER_EPOCH; // first slot of epoch 2

/** The columns of one block with `blobs` commitments: real body root and inclusion proof, dummy cells. */
function blockSidecars(slot: number, blobs: number, columns: number[]): {root: Uint8Array; sidecars: fulu.DataColumnSidecar[]} {
  const body = fulu.BeaconBlockBody.defaultValue();
  body.blobKzgCommitments = Array.from({length: blobs}, (_, i) => new Uint8Array(48).fill(slot + i));
  const view = fulu.BeaconBlockBody.toView(body);
  // get_generalized_index(BeaconBlockBody, "blob_kzg_commitments") = 16 + 11
  const proof = createProof(view.node, {type: ProofType.single, gindex: 27n}) as SingleProof;
  const header = {slot, proposerIndex: slot % 7, parentRoot: new Uint8Array(32).fill(1), stateRoot: new Uint8Array(32).fill(2), bodyRoot: view.hashTreeRoot()};
  const root = phase0.BeaconBlockHeader.hashTreeRoot(header);
  const sidecars = columns.map((index) => ({
    index,
    column: Array.from({length: blobs}, () => new Uint8Array(2048).fill(index)),
    kzgCommitments: body.blobKzgCommitments,
    kzgProofs: Array.from({length: blobs}, () => new Uint8Array(48).fill(0xc0)),
    signedBlockHeader: {message: header, signature: new Uint8Array(96)},
    kzgCommitmentsInclusionProof: proof.witnesses,
  }));
  return {root, sidecars};
}

const ALL = [0, 3, 5, 64, 127];
const A = blockSidecars(FULU_SLOT + 1, 2, ALL);
const B = blockSidecars(FULU_SLOT + 4, 1, ALL);
const C = blockSidecars(BPO_SLOT + 1, 11, ALL); // 11 blobs: over fulu's 9, within the BPO's 12
const BLOCKS = [A, B, C];

const chunkOf = (s: fulu.DataColumnSidecar, slot = s.signedBlockHeader.message.slot): ResponseChunk => ({fork: "fulu", slot, bytes: fulu.DataColumnSidecar.serialize(s)});

/** An honest server, unless `lie` replaces its by-range / by-root answers. */
let lie: ((req: unknown) => ResponseChunk[]) | null = null;
function handlers(): ReqRespHandlers {
  return {
    ...serverHandlers([]),
    async *onDataColumnSidecarsByRange(req) {
      if (lie) return yield* lie(req);
      for (const b of BLOCKS) {
        const slot = b.sidecars[0].signedBlockHeader.message.slot;
        if (slot < req.startSlot || slot >= req.startSlot + req.count) continue;
        for (const s of b.sidecars) if (req.columns.includes(s.index)) yield chunkOf(s);
      }
    },
    async *onDataColumnSidecarsByRoot(ids) {
      if (lie) return yield* lie(ids);
      for (const id of ids) {
        const b = BLOCKS.find((x) => Buffer.from(x.root).equals(Buffer.from(id.blockRoot)));
        for (const c of id.columns) {
          const s = b?.sidecars.find((x) => x.index === c);
          if (s) yield chunkOf(s);
        }
      }
    },
  };
}

async function responseCode(bytes: Uint8Array): Promise<{code: number | null; message: string}> {
  if (bytes.length === 0) return {code: null, message: ""};
  const src = BufferedSource.from((async function* () { yield bytes.subarray(1); })());
  const msg = bytes[0] === 0 ? null : await readSszSnappyPayload(src, {minSize: 0, maxSize: 256});
  return {code: bytes[0], message: msg ? new TextDecoder().decode(msg) : ""};
}

describe("reqresp: data column sidecars by range and by root", function () {
  this.timeout(20_000);
  let serverNode: Libp2p, clientNode: Libp2p;
  let server: ReqResp, client: ReqResp;
  const clientActions: {action: PeerAction; reason: string}[] = [];
  const serverActions: {action: PeerAction; reason: string}[] = [];

  before(async () => {
    [serverNode, clientNode] = await Promise.all([createNode(), createNode()]);
    server = new ReqResp({libp2p: serverNode, config, handlers: handlers(), logger: silentLogger, onPeerAction: (_p, action, reason) => serverActions.push({action, reason})});
    client = new ReqResp({libp2p: clientNode, config, handlers: handlers(), logger: silentLogger, onPeerAction: (_p, action, reason) => clientActions.push({action, reason})});
    await server.start();
    await clientNode.dial(serverNode.getMultiaddrs()[0]);
  });
  after(async () => {
    await server.stop();
    await Promise.all([serverNode.stop(), clientNode.stop()]);
  });
  afterEach(() => {
    lie = null;
  });

  it("by range: the requested columns of every block in range, typed, in (slot, column) order, across two fulu digests", async () => {
    const got = await client.dataColumnSidecarsByRange(serverNode.peerId, {startSlot: FULU_SLOT, count: 2 * SLOTS_PER_EPOCH, columns: [127, 3]});
    assert.deepEqual(
      got.map((s) => [s.signedBlockHeader.message.slot, s.index]),
      [[FULU_SLOT + 1, 3], [FULU_SLOT + 1, 127], [FULU_SLOT + 4, 3], [FULU_SLOT + 4, 127], [BPO_SLOT + 1, 3], [BPO_SLOT + 1, 127]]
    );
    assert.deepEqual(phase0.BeaconBlockHeader.hashTreeRoot(got[4].signedBlockHeader.message), C.root);
    assert.equal(got[4].column.length, 11);
    // a range of one slot holds one block's columns
    const one = await client.dataColumnSidecarsByRange(serverNode.peerId, {startSlot: FULU_SLOT + 4, count: 1, columns: [0, 5, 64]});
    assert.deepEqual(one.map((s) => s.index), [0, 5, 64]);
    assert.deepEqual(await client.dataColumnSidecarsByRange(serverNode.peerId, {startSlot: 0, count: 1, columns: [0]}), []);
    assert.deepEqual(clientActions, []);
  });

  it("by root: only what was asked, in request order; unknown roots give nothing", async () => {
    const got = await client.dataColumnSidecarsByRoot(serverNode.peerId, [
      {blockRoot: B.root, columns: [64, 0]},
      {blockRoot: new Uint8Array(32).fill(9), columns: [1, 2]},
      {blockRoot: C.root, columns: [5]},
    ]);
    assert.deepEqual(got.map((s) => [s.signedBlockHeader.message.slot, s.index]), [[FULU_SLOT + 4, 64], [FULU_SLOT + 4, 0], [BPO_SLOT + 1, 5]]);
    assert.deepEqual(clientActions, []);
  });

  const lies: {name: string; method: "range" | "root"; chunks: () => ResponseChunk[]; code: RequestErrorCode; reason?: RegExp}[] = [
    {name: "a slot outside the range", method: "range", chunks: () => [chunkOf(C.sidecars[0])], code: RequestErrorCode.UNEXPECTED_RESPONSE, reason: /outside the range/},
    {name: "a column not requested", method: "range", chunks: () => [chunkOf(A.sidecars[2])], code: RequestErrorCode.UNEXPECTED_RESPONSE, reason: /not requested/},
    {name: "columns out of order", method: "range", chunks: () => [chunkOf(A.sidecars[1]), chunkOf(A.sidecars[0])], code: RequestErrorCode.UNEXPECTED_RESPONSE, reason: /order/},
    {name: "the same column twice", method: "root", chunks: () => [chunkOf(B.sidecars[0]), chunkOf(B.sidecars[0])], code: RequestErrorCode.UNEXPECTED_RESPONSE, reason: /sent twice/},
    {name: "a block not requested", method: "root", chunks: () => [chunkOf(A.sidecars[0])], code: RequestErrorCode.UNEXPECTED_RESPONSE, reason: /not requested/},
    {
      name: "a broken inclusion proof",
      method: "range",
      chunks: () => {
        const bad = structuredClone(A.sidecars[0]);
        bad.kzgCommitmentsInclusionProof[1] = new Uint8Array(32).fill(0xee);
        return [chunkOf(bad)];
      },
      code: RequestErrorCode.UNEXPECTED_RESPONSE,
      reason: /inclusion proof/,
    },
    {
      name: "more commitments than the epoch's blob limit",
      method: "range",
      chunks: () => {
        // C's 11 blobs moved into fulu's first epoch (limit 9)
        const bad = structuredClone(C.sidecars[0]);
        bad.signedBlockHeader.message.slot = FULU_SLOT + 1;
        return [chunkOf(bad)];
      },
      code: RequestErrorCode.UNEXPECTED_RESPONSE,
      reason: /blob limit/,
    },
    // context bytes of the wrong fulu digest (the BPO epoch's) for a sidecar of epoch 1
    {name: "context bytes of another blob-parameter digest", method: "range", chunks: () => [chunkOf(A.sidecars[0], BPO_SLOT)], code: RequestErrorCode.UNEXPECTED_RESPONSE, reason: /context bytes/},
    // context bytes of electra, which has no DataColumnSidecar
    {name: "context bytes of a pre-fulu fork", method: "root", chunks: () => [chunkOf(B.sidecars[0], 0)], code: RequestErrorCode.UNKNOWN_CONTEXT_BYTES},
  ];
  for (const l of lies) {
    it(`a lying server is caught and penalised: ${l.name}`, async () => {
      lie = l.chunks;
      clientActions.length = 0;
      const call =
        l.method === "range"
          ? client.dataColumnSidecarsByRange(serverNode.peerId, {startSlot: FULU_SLOT, count: 4, columns: [0, 3]})
          : client.dataColumnSidecarsByRoot(serverNode.peerId, [{blockRoot: B.root, columns: [0, 3]}]);
      await assert.rejects(call, (e: RequestError) => {
        assert.equal(e.code, l.code, e.message);
        if (l.reason) assert.match(e.detail.reason ?? "", l.reason);
        return true;
      });
      assert.equal(clientActions.length, 1);
      assert.equal(clientActions[0].action, PeerAction.LowToleranceError);
    });
  }

  it("a server answering more chunks than requested is cut at count * columns", async () => {
    lie = () => A.sidecars.map((s) => chunkOf(s));
    await assert.rejects(client.dataColumnSidecarsByRange(serverNode.peerId, {startSlot: FULU_SLOT, count: 1, columns: [0]}), (e: RequestError) => e.code === RequestErrorCode.UNEXPECTED_RESPONSE);
    lie = () => [chunkOf(A.sidecars[0]), chunkOf(A.sidecars[1])];
    // only the first chunk is read for one requested column; it is the one asked for
    const got = await client.dataColumnSidecarsByRoot(serverNode.peerId, [{blockRoot: A.root, columns: [0]}]);
    assert.deepEqual(got.map((s) => s.index), [0]);
  });

  describe("malformed requests are answered INVALID_REQUEST and the requester reported", () => {
    const RANGE = protocolId(ReqRespMethod.DataColumnSidecarsByRange, 1);
    const ROOT = protocolId(ReqRespMethod.DataColumnSidecarsByRoot, 1);
    const cases: {name: string; protocol: string; bytes: () => Uint8Array; message: RegExp; action: PeerAction}[] = [
      {name: "bad snappy", protocol: RANGE, bytes: () => concat([encodeVarint(24), STREAM_IDENTIFIER, Uint8Array.of(0, 9, 0, 0, 1, 2, 3, 4, 0xff, 0xff, 0xff, 0xff, 0xff)]), message: /^SSZ_SNAPPY_/, action: PeerAction.LowToleranceError},
      // a 3-byte body is no DataColumnSidecarsByRangeRequest (fixed part alone is 20 bytes)
      {name: "bad SSZ (range)", protocol: RANGE, bytes: () => encodeSszSnappyBytes(new Uint8Array(3)), message: /^SSZ_SNAPPY_/, action: PeerAction.LowToleranceError},
      // an offset past the end of the list
      {name: "bad SSZ (root)", protocol: ROOT, bytes: () => encodeSszSnappyBytes(Uint8Array.of(0xff, 0xff, 0, 0, 1)), message: /^SSZ_SNAPPY_/, action: PeerAction.LowToleranceError},
      {name: "count 0", protocol: RANGE, bytes: () => encodeSszSnappyBytes(p2p.DataColumnSidecarsByRangeRequest.serialize({startSlot: 8, count: 0, columns: [1]})), message: /count is 0/, action: PeerAction.MidToleranceError},
      {name: "a column index >= NUMBER_OF_COLUMNS", protocol: RANGE, bytes: () => encodeSszSnappyBytes(p2p.DataColumnSidecarsByRangeRequest.serialize({startSlot: 8, count: 1, columns: [NUMBER_OF_COLUMNS]})), message: /column 128/, action: PeerAction.MidToleranceError},
      {name: "a column twice", protocol: ROOT, bytes: () => encodeSszSnappyBytes(p2p.DataColumnSidecarsByRootRequest.serialize([{blockRoot: A.root, columns: [4, 4]}])), message: /twice/, action: PeerAction.MidToleranceError},
      {
        name: "more than 129 identifiers (over MAX_REQUEST_BLOCKS_DENEB)",
        protocol: ROOT,
        // serialized by hand: the list type itself refuses to encode more than its limit
        bytes: () => {
          const one = p2p.DataColumnSidecarsByRootRequest.serialize([{blockRoot: A.root, columns: [1]}]);
          const item = one.subarray(4);
          const n = 129;
          const out = new Uint8Array(4 * n + item.length * n);
          const dv = new DataView(out.buffer);
          for (let i = 0; i < n; i++) {
            dv.setUint32(4 * i, 4 * n + item.length * i, true);
            out.set(item, 4 * n + item.length * i);
          }
          return encodeSszSnappyBytes(out);
        },
        message: /^SSZ_SNAPPY_/,
        action: PeerAction.LowToleranceError,
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        serverActions.length = 0;
        const res = await responseCode(await rawRequest(clientNode, serverNode, c.protocol, c.bytes()));
        assert.equal(res.code, RespCode.INVALID_REQUEST, `${c.name}: ${res.code} ${res.message}`);
        assert.match(res.message, c.message);
        assert.deepEqual(serverActions.map((a) => a.action), [c.action]);
      });
    }

    it("the request caps: compute_max_request_data_column_sidecars = 128 * 128, and a whole epoch of all columns passes", async () => {
      assert.equal(computeMaxRequestDataColumnSidecars(config), config.chain.MAX_REQUEST_BLOCKS_DENEB * NUMBER_OF_COLUMNS);
      const all = Array.from({length: NUMBER_OF_COLUMNS}, (_, i) => i);
      const got = await client.dataColumnSidecarsByRange(serverNode.peerId, {startSlot: FULU_SLOT, count: SLOTS_PER_EPOCH, columns: all});
      assert.equal(got.length, 2 * ALL.length);
    });
  });
});
