import {strict as assert} from "node:assert";
import type {ForkName} from "@hearth/params";
import type {capella, deneb} from "@hearth/types";
import {
  DEFAULT_MOCK_GENESIS_BLOCK_HASH,
  ENGINE_RPC_ERROR,
  ExecutionEngineError,
  ExecutionEngineMock,
  ExecutionPayloadStatus,
  MOCK_GAS_LIMIT,
  createGenesisExecutionPayloadHeader,
  type ExecutionPayload,
  type PayloadAttributes,
} from "../../../src/execution/index.js";
import {bytesToData} from "../../../src/execution/encoding.js";
import {POST_MERGE_FORKS, filled} from "./fixtures.js";

const ZERO = new Uint8Array(32);
const GENESIS_TIME = 1_600_000_000;

function attributes(timestamp: number, n = 0): PayloadAttributes {
  return {
    timestamp,
    prevRandao: filled(32, n + 1),
    suggestedFeeRecipient: filled(20, 0xfe),
    withdrawals: [{index: n, validatorIndex: n + 10, address: filled(20, 0xaa), amount: 1000 + n}],
    parentBeaconBlockRoot: filled(32, 0xbb),
  };
}

function rpcCode(code: number) {
  return (e: unknown) => e instanceof ExecutionEngineError && e.detail.rpcCode === code;
}

/** One slot of a dev chain: build on the head, import the payload, make it the head. */
async function produce(mock: ExecutionEngineMock, fork: ForkName, timestamp: number, n: number): Promise<ExecutionPayload> {
  const {payloadId, payloadStatus} = await mock.notifyForkchoiceUpdate(fork, mock.headBlockHash, ZERO, ZERO, attributes(timestamp, n));
  assert.equal(payloadStatus.status, ExecutionPayloadStatus.VALID);
  assert.ok(payloadId);
  const {executionPayload} = await mock.getPayload(fork, payloadId);
  const status = await mock.notifyNewPayload(fork, executionPayload, [], filled(32, 0xbb), []);
  assert.deepEqual(status, {status: ExecutionPayloadStatus.VALID, latestValidHash: executionPayload.blockHash, validationError: null});
  await mock.notifyForkchoiceUpdate(fork, executionPayload.blockHash, ZERO, ZERO);
  return executionPayload;
}

describe("execution / ExecutionEngineMock", () => {
  for (const fork of POST_MERGE_FORKS) {
    it(`${fork}: produces a linked payload chain from the genesis block`, async () => {
      const mock = new ExecutionEngineMock({genesisTimestamp: GENESIS_TIME});
      let parent = mock.genesisBlockHash;
      const hashes = new Set<string>();
      for (let n = 1; n <= 5; n++) {
        const p = await produce(mock, fork, GENESIS_TIME + 12 * n, n);
        assert.deepEqual(p.parentHash, parent);
        assert.equal(p.blockNumber, n);
        assert.equal(p.timestamp, GENESIS_TIME + 12 * n);
        assert.deepEqual(p.prevRandao, filled(32, n + 1));
        assert.deepEqual(p.feeRecipient, filled(20, 0xfe));
        assert.equal(p.gasLimit, MOCK_GAS_LIMIT);
        assert.equal(p.baseFeePerGas, 7n);
        assert.equal(p.transactions.length, 0);
        if (fork !== "bellatrix") assert.deepEqual((p as capella.ExecutionPayload).withdrawals, attributes(0, n).withdrawals);
        if (!["bellatrix", "capella"].includes(fork)) assert.equal((p as deneb.ExecutionPayload).blobGasUsed, 0);
        hashes.add(bytesToData(p.blockHash));
        parent = p.blockHash;
      }
      assert.equal(hashes.size, 5);
      assert.equal(mock.getKnownBlock(parent)?.blockNumber, 5);
    });
  }

  it("returns the fork's extra fields: blobs bundle from deneb, empty execution requests from electra", async () => {
    const mock = new ExecutionEngineMock();
    const {payloadId} = await mock.notifyForkchoiceUpdate("electra", mock.genesisBlockHash, ZERO, ZERO, attributes(12));
    const res = await mock.getPayload("electra", payloadId!);
    assert.deepEqual(res.blobsBundle, {commitments: [], proofs: [], blobs: []});
    assert.deepEqual(res.executionRequests, {deposits: [], withdrawals: [], consolidations: []});
    assert.equal(res.shouldOverrideBuilder, false);
    const capellaRes = await mock.getPayload("capella", (await mock.notifyForkchoiceUpdate("capella", mock.genesisBlockHash, ZERO, ZERO, attributes(12))).payloadId!);
    assert.equal(capellaRes.blobsBundle, undefined);
  });

  it("two payloads on one parent get different hashes; equal attributes reuse the build", async () => {
    const mock = new ExecutionEngineMock();
    const a = await mock.notifyForkchoiceUpdate("deneb", mock.genesisBlockHash, ZERO, ZERO, attributes(12, 1));
    const b = await mock.notifyForkchoiceUpdate("deneb", mock.genesisBlockHash, ZERO, ZERO, attributes(24, 1));
    const again = await mock.notifyForkchoiceUpdate("deneb", mock.genesisBlockHash, ZERO, ZERO, attributes(12, 1));
    assert.notEqual(a.payloadId, b.payloadId);
    assert.equal(again.payloadId, a.payloadId);
    const pa = (await mock.getPayload("deneb", a.payloadId!)).executionPayload;
    const pb = (await mock.getPayload("deneb", b.payloadId!)).executionPayload;
    assert.notDeepEqual(pa.blockHash, pb.blockHash);
    assert.equal(pa.blockNumber, pb.blockNumber);
  });

  it("judges payloads: SYNCING on an unknown parent, INVALID on a bad number, timestamp, empty tx or marked hash", async () => {
    const mock = new ExecutionEngineMock();
    const {payloadId} = await mock.notifyForkchoiceUpdate("capella", mock.genesisBlockHash, ZERO, ZERO, attributes(12));
    const good = (await mock.getPayload("capella", payloadId!)).executionPayload;
    const orphan = {...good, parentHash: filled(32, 0x77)};
    assert.deepEqual(await mock.notifyNewPayload("capella", orphan), {status: ExecutionPayloadStatus.SYNCING, latestValidHash: null, validationError: null});
    const badNumber = await mock.notifyNewPayload("capella", {...good, blockNumber: 2});
    assert.equal(badNumber.status, ExecutionPayloadStatus.INVALID);
    assert.deepEqual(badNumber.latestValidHash, mock.genesisBlockHash);
    assert.equal((await mock.notifyNewPayload("capella", {...good, timestamp: 0})).status, ExecutionPayloadStatus.INVALID);
    assert.equal((await mock.notifyNewPayload("capella", {...good, transactions: [new Uint8Array(0)]})).status, ExecutionPayloadStatus.INVALID);
    assert.equal((await mock.notifyNewPayload("deneb", {...good, blobGasUsed: 0, excessBlobGas: 0}, [filled(32, 1)], ZERO)).status, ExecutionPayloadStatus.INVALID);
    mock.markInvalid(good.blockHash, "test says no");
    assert.deepEqual(await mock.notifyNewPayload("capella", good), {status: ExecutionPayloadStatus.INVALID, latestValidHash: mock.genesisBlockHash, validationError: "test says no"});
  });

  it("forkchoiceUpdated: SYNCING on an unknown head, -38003 on a stale timestamp, -38002 on a finalized block off the head's chain", async () => {
    const mock = new ExecutionEngineMock({genesisTimestamp: 100});
    const unknown = await mock.notifyForkchoiceUpdate("deneb", filled(32, 0x55), ZERO, ZERO, attributes(112));
    assert.deepEqual(unknown, {payloadStatus: {status: ExecutionPayloadStatus.SYNCING, latestValidHash: null, validationError: null}, payloadId: null});
    await assert.rejects(mock.notifyForkchoiceUpdate("deneb", mock.genesisBlockHash, ZERO, ZERO, attributes(100)), rpcCode(ENGINE_RPC_ERROR.INVALID_PAYLOAD_ATTRIBUTES));
    await assert.rejects(
      mock.notifyForkchoiceUpdate("deneb", mock.genesisBlockHash, ZERO, ZERO, {...attributes(112), parentBeaconBlockRoot: undefined}),
      rpcCode(ENGINE_RPC_ERROR.INVALID_PAYLOAD_ATTRIBUTES),
    );
    const p1 = await produce(mock, "deneb", 112, 1);
    await mock.notifyForkchoiceUpdate("deneb", mock.genesisBlockHash, ZERO, ZERO);
    await assert.rejects(mock.notifyForkchoiceUpdate("deneb", mock.genesisBlockHash, ZERO, p1.blockHash), rpcCode(ENGINE_RPC_ERROR.INVALID_FORKCHOICE_STATE));
  });

  it("getPayload: -38001 for an unknown id, -38005 for another fork", async () => {
    const mock = new ExecutionEngineMock();
    await assert.rejects(mock.getPayload("deneb", "0x0000000000000000"), rpcCode(ENGINE_RPC_ERROR.UNKNOWN_PAYLOAD));
    const {payloadId} = await mock.notifyForkchoiceUpdate("deneb", mock.genesisBlockHash, ZERO, ZERO, attributes(12));
    await assert.rejects(mock.getPayload("electra", payloadId!), rpcCode(ENGINE_RPC_ERROR.UNSUPPORTED_FORK));
  });

  it("forgets blocks below the finalized one", async () => {
    const mock = new ExecutionEngineMock();
    const payloads = [];
    for (let n = 1; n <= 4; n++) payloads.push(await produce(mock, "capella", 12 * n, n));
    await mock.notifyForkchoiceUpdate("capella", payloads[3].blockHash, payloads[2].blockHash, payloads[2].blockHash);
    assert.equal(mock.getKnownBlock(mock.genesisBlockHash), undefined);
    assert.equal(mock.getKnownBlock(payloads[1].blockHash), undefined);
    assert.equal(mock.getKnownBlock(payloads[2].blockHash)?.blockNumber, 3);
    assert.equal((await produce(mock, "capella", 60, 5)).blockNumber, 5);
  });

  it("genesis: a settable block 0 whose header the dev chain puts in its genesis state", async () => {
    const mock = new ExecutionEngineMock();
    assert.deepEqual(mock.genesisBlockHash, DEFAULT_MOCK_GENESIS_BLOCK_HASH);
    const header = createGenesisExecutionPayloadHeader("electra", mock.genesisBlockHash, GENESIS_TIME);
    assert.deepEqual(header.blockHash, DEFAULT_MOCK_GENESIS_BLOCK_HASH);
    assert.equal(header.timestamp, GENESIS_TIME);
    assert.equal((header as deneb.ExecutionPayloadHeader).excessBlobGas, 0);
    assert.throws(() => createGenesisExecutionPayloadHeader("altair"), /no execution payload header/);

    const custom = filled(32, 0x42);
    mock.setGenesisBlock(custom, GENESIS_TIME);
    assert.deepEqual(mock.genesisBlockHash, custom);
    assert.equal(mock.getKnownBlock(DEFAULT_MOCK_GENESIS_BLOCK_HASH), undefined);
    assert.deepEqual((await produce(mock, "fulu", GENESIS_TIME + 12, 1)).parentHash, custom);
  });

  it("continues from a block made known without newPayload (a restarted dev chain's head)", async () => {
    const mock = new ExecutionEngineMock();
    mock.addKnownBlock({blockHash: filled(32, 0x99), parentHash: filled(32, 0x98), blockNumber: 41, timestamp: 500});
    await mock.notifyForkchoiceUpdate("electra", filled(32, 0x99), ZERO, ZERO);
    const p = await produce(mock, "electra", 512, 1);
    assert.equal(p.blockNumber, 42);
    assert.deepEqual(p.parentHash, filled(32, 0x99));
  });

  it("has no blob pool and names its capabilities", async () => {
    const mock = new ExecutionEngineMock();
    assert.deepEqual(await mock.getBlobs("deneb", [ZERO, ZERO]), {version: 1, blobs: [null, null]});
    assert.deepEqual(await mock.getBlobs("fulu", [ZERO]), {version: 2, blobs: null});
    assert.ok((await mock.exchangeCapabilities()).includes("engine_getPayloadV5"));
  });
});
