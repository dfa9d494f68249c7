import {strict as assert} from "node:assert";
import type {ForkName} from "@hearth/params";
import {
  ENGINE_RPC_ERROR,
  ExecutionEngineError,
  ExecutionEngineErrorCode,
  ExecutionEngineHttp,
  ExecutionEngineState,
  ExecutionPayloadStatus,
  SUPPORTED_ENGINE_METHODS,
  verifyJwtToken,
} from "../../../src/execution/index.js";
import {serializeExecutionPayload} from "../../../src/execution/payload.js";
import {POST_MERGE_FORKS, filled, samplePayload} from "./fixtures.js";
import {startRpcServer, type RpcCall, type RpcReply, type RpcServer} from "./rpcServer.js";

const SECRET = filled(32, 0x5e);
const HASH = (b: number) => "0x" + b.toString(16).padStart(2, "0").repeat(32);
const VALID = {status: "VALID", latestValidHash: HASH(9), validationError: null};
const KZG = "0x" + "c0".repeat(48);
const BLOB = "0x" + "00".repeat(131072);

function hasCode(code: ExecutionEngineErrorCode, check: (e: ExecutionEngineError) => boolean = () => true) {
  return (e: unknown) => e instanceof ExecutionEngineError && e.code === code && check(e);
}

describe("execution / ExecutionEngineHttp", function () {
  this.timeout(10_000);
  let server: RpcServer;
  let reply: (call: RpcCall) => RpcReply;
  let engine: ExecutionEngineHttp;

  beforeEach(async () => {
    reply = () => ({result: VALID});
    server = await startRpcServer((call) => reply(call));
    engine = new ExecutionEngineHttp({url: server.url, jwtSecret: SECRET, jwtId: "hearth-test", jwtVersion: "hearth/0.1.0", timeouts: {getPayload: 300}});
  });
  afterEach(() => server.close());

  describe("notifyNewPayload", () => {
    const expected: Record<string, [string, number]> = {
      bellatrix: ["engine_newPayloadV1", 1],
      capella: ["engine_newPayloadV2", 1],
      deneb: ["engine_newPayloadV3", 3],
      electra: ["engine_newPayloadV4", 4],
      fulu: ["engine_newPayloadV4", 4],
    };
    for (const fork of POST_MERGE_FORKS) {
      it(`${fork}: calls ${expected[fork][0]} with ${expected[fork][1]} param(s) and returns the status`, async () => {
        const payload = samplePayload(fork);
        const status = await engine.notifyNewPayload(fork, payload, [filled(32, 1)], filled(32, 2), {deposits: [], withdrawals: [], consolidations: []});
        assert.deepEqual(status, {status: ExecutionPayloadStatus.VALID, latestValidHash: filled(32, 9), validationError: null});
        const [call] = server.calls;
        assert.equal(call.method, expected[fork][0]);
        assert.equal(call.params.length, expected[fork][1]);
        assert.deepEqual(call.params[0], serializeExecutionPayload(fork, payload));
        if (call.params.length >= 3) assert.deepEqual(call.params.slice(1, 3), [[HASH(1)], HASH(2)]);
        if (call.params.length === 4) assert.deepEqual(call.params[3], []);
      });
    }

    it("sends execution requests as the EIP-7685 list, from the SSZ value or as given", async () => {
      const consolidation = {sourceAddress: filled(20, 1), sourcePubkey: filled(48, 2), targetPubkey: filled(48, 3)};
      await engine.notifyNewPayload("electra", samplePayload("electra"), [], filled(32, 2), {deposits: [], withdrawals: [], consolidations: [consolidation]});
      await engine.notifyNewPayload("electra", samplePayload("electra"), [], filled(32, 2), [new Uint8Array([1, 0xab])]);
      assert.deepEqual(server.calls[0].params[3], ["0x02" + "01".repeat(20) + "02".repeat(48) + "03".repeat(48)]);
      assert.deepEqual(server.calls[1].params[3], ["0x01ab"]);
    });

    it("returns INVALID as a status, not an error", async () => {
      reply = () => ({result: {status: "INVALID", latestValidHash: HASH(7), validationError: "bad state root"}});
      const status = await engine.notifyNewPayload("capella", samplePayload("capella"));
      assert.equal(status.status, ExecutionPayloadStatus.INVALID);
      assert.equal(status.validationError, "bad state root");
    });

    it("refuses a deneb call without versioned hashes and a pre-merge fork without calling the engine", async () => {
      await assert.rejects(engine.notifyNewPayload("deneb", samplePayload("deneb")), hasCode(ExecutionEngineErrorCode.INVALID_REQUEST));
      await assert.rejects(engine.notifyNewPayload("electra", samplePayload("electra"), [], filled(32, 0)), /needs executionRequests/);
      await assert.rejects(engine.notifyNewPayload("altair" as ForkName, samplePayload("bellatrix")), /before bellatrix/);
      assert.equal(server.calls.length, 0);
    });
  });

  it("authenticates every call with a fresh HS256 JWT carrying iat, id and clv", async () => {
    await engine.exchangeCapabilities().catch(() => undefined);
    const auth = server.calls[0].headers.authorization ?? "";
    assert.match(auth, /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = verifyJwtToken(auth.slice("Bearer ".length), SECRET);
    assert.ok(Math.abs(claims.iat - Date.now() / 1000) < 5);
    assert.equal(claims.id, "hearth-test");
    assert.equal(claims.clv, "hearth/0.1.0");
    assert.equal(server.calls[0].headers["content-type"], "application/json");
  });

  describe("notifyForkchoiceUpdate", () => {
    const versions: Record<string, string> = {bellatrix: "V1", capella: "V2", deneb: "V3", electra: "V3", fulu: "V3"};
    const attrs = {timestamp: 24, prevRandao: filled(32, 4), suggestedFeeRecipient: filled(20, 5), withdrawals: [], parentBeaconBlockRoot: filled(32, 6)};
    for (const fork of POST_MERGE_FORKS) {
      it(`${fork}: calls engine_forkchoiceUpdated${versions[fork]} with the state and the attributes`, async () => {
        reply = () => ({result: {payloadStatus: VALID, payloadId: "0x00000000000000AB"}});
        const res = await engine.notifyForkchoiceUpdate(fork, filled(32, 1), filled(32, 2), filled(32, 3), attrs);
        assert.equal(res.payloadId, "0x00000000000000ab");
        assert.equal(res.payloadStatus.status, ExecutionPayloadStatus.VALID);
        const [call] = server.calls;
        assert.equal(call.method, `engine_forkchoiceUpdated${versions[fork]}`);
        assert.deepEqual(call.params[0], {headBlockHash: HASH(1), safeBlockHash: HASH(2), finalizedBlockHash: HASH(3)});
        const sent = call.params[1] as Record<string, unknown>;
        assert.equal(sent.timestamp, "0x18");
        assert.equal("withdrawals" in sent, fork !== "bellatrix");
        assert.equal(sent.parentBeaconBlockRoot, ["bellatrix", "capella"].includes(fork) ? undefined : HASH(6));
      });
    }

    it("sends null attributes and reads a null payloadId", async () => {
      reply = () => ({result: {payloadStatus: {status: "SYNCING", latestValidHash: null, validationError: null}, payloadId: null}});
      const res = await engine.notifyForkchoiceUpdate("deneb", filled(32, 1), filled(32, 0), filled(32, 0));
      assert.deepEqual(res, {payloadStatus: {status: ExecutionPayloadStatus.SYNCING, latestValidHash: null, validationError: null}, payloadId: null});
      assert.equal(server.calls[0].params[1], null);
      assert.equal(engine.getState(), ExecutionEngineState.SYNCING);
    });
  });

  describe("getPayload", () => {
    it("bellatrix: reads engine_getPayloadV1's bare payload", async () => {
      const payload = samplePayload("bellatrix");
      reply = () => ({result: serializeExecutionPayload("bellatrix", payload)});
      const res = await engine.getPayload("bellatrix", "0x0000000000000001");
      assert.equal(server.calls[0].method, "engine_getPayloadV1");
      assert.deepEqual(server.calls[0].params, ["0x0000000000000001"]);
      assert.deepEqual(res.executionPayload.blockHash, payload.blockHash);
      assert.equal(res.blockValue, 0n);
    });

    it("capella: engine_getPayloadV2 with blockValue", async () => {
      reply = () => ({result: {executionPayload: serializeExecutionPayload("capella", samplePayload("capella")), blockValue: "0xde0b6b3a7640000"}});
      const res = await engine.getPayload("capella", "0x01");
      assert.equal(server.calls[0].method, "engine_getPayloadV2");
      assert.equal(res.blockValue, 10n ** 18n);
      assert.equal(res.blobsBundle, undefined);
    });

    it("deneb: engine_getPayloadV3 with a blobs bundle and shouldOverrideBuilder", async () => {
      const blobsBundle = {commitments: [KZG], proofs: [KZG], blobs: [BLOB]};
      reply = () => ({result: {executionPayload: serializeExecutionPayload("deneb", samplePayload("deneb")), blockValue: "0x1", blobsBundle, shouldOverrideBuilder: true}});
      const res = await engine.getPayload("deneb", "0x01");
      assert.equal(server.calls[0].method, "engine_getPayloadV3");
      assert.equal(res.blobsBundle?.blobs.length, 1);
      assert.equal(res.shouldOverrideBuilder, true);
    });

    it("electra: engine_getPayloadV4 decodes the execution requests", async () => {
      const withdrawal = "0x01" + "aa".repeat(20) + "bb".repeat(48) + "0100000000000000";
      const result = {executionPayload: serializeExecutionPayload("electra", samplePayload("electra")), blockValue: "0x0", blobsBundle: {commitments: [], proofs: [], blobs: []}, shouldOverrideBuilder: false, executionRequests: [withdrawal]};
      reply = () => ({result});
      const res = await engine.getPayload("electra", "0x01");
      assert.equal(server.calls[0].method, "engine_getPayloadV4");
      assert.deepEqual(res.executionRequests, {deposits: [], withdrawals: [{sourceAddress: filled(20, 0xaa), validatorPubkey: filled(48, 0xbb), amount: 1n}], consolidations: []});
    });

    it("fulu: engine_getPayloadV5 wants 128 cell proofs per blob", async () => {
      const blobsBundle = {commitments: [KZG], proofs: Array(128).fill(KZG), blobs: [BLOB]};
      const result = {executionPayload: serializeExecutionPayload("fulu", samplePayload("fulu")), blockValue: "0x0", blobsBundle, shouldOverrideBuilder: false, executionRequests: []};
      reply = () => ({result});
      const res = await engine.getPayload("fulu", "0x01");
      assert.equal(server.calls[0].method, "engine_getPayloadV5");
      assert.equal(res.blobsBundle?.proofs.length, 128);
      reply = () => ({result: {...result, blobsBundle: {...blobsBundle, proofs: [KZG]}}});
      await assert.rejects(engine.getPayload("fulu", "0x01"), hasCode(ExecutionEngineErrorCode.MALFORMED_RESPONSE, (e) => e.detail.method === "engine_getPayloadV5"));
    });
  });

  it("getBlobs: V1 per blob with nulls before fulu, V2 all or nothing from fulu", async () => {
    reply = () => ({result: [{blob: BLOB, proof: KZG}, null]});
    const v1 = await engine.getBlobs("electra", [filled(32, 1), filled(32, 2)]);
    assert.equal(server.calls[0].method, "engine_getBlobsV1");
    assert.deepEqual(server.calls[0].params, [[HASH(1), HASH(2)]]);
    assert.ok(v1.version === 1 && v1.blobs[0]?.proof.length === 48 && v1.blobs[1] === null);
    reply = () => ({result: null});
    const v2 = await engine.getBlobs("fulu", [filled(32, 1)]);
    assert.equal(server.calls[1].method, "engine_getBlobsV2");
    assert.deepEqual(v2, {version: 2, blobs: null});
  });

  it("exchangeCapabilities announces the methods this client calls", async () => {
    reply = () => ({result: ["engine_newPayloadV4", "engine_getPayloadV5"]});
    assert.deepEqual(await engine.exchangeCapabilities(), ["engine_newPayloadV4", "engine_getPayloadV5"]);
    assert.equal(server.calls[0].method, "engine_exchangeCapabilities");
    assert.deepEqual(server.calls[0].params, [SUPPORTED_ENGINE_METHODS]);
    assert.ok(SUPPORTED_ENGINE_METHODS.includes("engine_forkchoiceUpdatedV3") && !SUPPORTED_ENGINE_METHODS.includes("engine_exchangeCapabilities"));
  });

  describe("errors", () => {
    it("HTTP 500 is HTTP_ERROR with the status", async () => {
      reply = () => ({status: 500, body: "internal"});
      await assert.rejects(engine.exchangeCapabilities(), hasCode(ExecutionEngineErrorCode.HTTP_ERROR, (e) => e.detail.status === 500 && e.detail.reason === "internal"));
    });

    it("HTTP 401 is HTTP_ERROR hinting at the JWT, and the engine is marked AUTH_FAILED", async () => {
      reply = () => ({status: 401, body: "signature invalid"});
      await assert.rejects(engine.exchangeCapabilities(), (e) => e instanceof ExecutionEngineError && e.detail.status === 401 && /same secret/.test(e.message));
      assert.equal(engine.getState(), ExecutionEngineState.AUTH_FAILED);
    });

    it("a JSON-RPC error object is RPC_ERROR with its code and message", async () => {
      reply = () => ({error: {code: ENGINE_RPC_ERROR.UNKNOWN_PAYLOAD, message: "Unknown payload"}});
      await assert.rejects(
        engine.getPayload("deneb", "0x01"),
        hasCode(ExecutionEngineErrorCode.RPC_ERROR, (e) => e.detail.rpcCode === -38001 && e.detail.method === "engine_getPayloadV3" && e.detail.reason === "Unknown payload"),
      );
      reply = () => ({error: {code: -32000, message: "Server error", data: {err: "Database corrupted"}}});
      await assert.rejects(engine.exchangeCapabilities(), hasCode(ExecutionEngineErrorCode.RPC_ERROR, (e) => e.detail.reason === "Server error: Database corrupted"));
    });

    it("malformed JSON, a wrong id, a missing result and a bad result are MALFORMED_RESPONSE", async () => {
      const malformed = hasCode(ExecutionEngineErrorCode.MALFORMED_RESPONSE);
      reply = () => ({status: 200, body: "{not json"});
      await assert.rejects(engine.exchangeCapabilities(), malformed);
      reply = (c) => ({status: 200, body: JSON.stringify({jsonrpc: "2.0", id: (c.id as number) + 1, result: []})});
      await assert.rejects(engine.exchangeCapabilities(), hasCode(ExecutionEngineErrorCode.MALFORMED_RESPONSE, (e) => e.detail.path === "body.id"));
      reply = (c) => ({status: 200, body: JSON.stringify({jsonrpc: "2.0", id: c.id})});
      await assert.rejects(engine.exchangeCapabilities(), malformed);
      reply = () => ({result: {status: "VALID", latestValidHash: "0x12"}});
      await assert.rejects(
        engine.notifyNewPayload("bellatrix", samplePayload("bellatrix")),
        hasCode(ExecutionEngineErrorCode.MALFORMED_RESPONSE, (e) => e.detail.path === "result.latestValidHash" && e.detail.method === "engine_newPayloadV1"),
      );
    });

    it("no answer within the method's timeout is TIMEOUT, and the engine is marked OFFLINE", async () => {
      reply = () => ({hang: true});
      const start = Date.now();
      await assert.rejects(engine.getPayload("capella", "0x01"), hasCode(ExecutionEngineErrorCode.TIMEOUT, (e) => e.detail.timeoutMs === 300));
      const elapsed = Date.now() - start;
      assert.ok(elapsed >= 250 && elapsed < 3000, `took ${elapsed} ms`);
      assert.equal(engine.getState(), ExecutionEngineState.OFFLINE);
    });

    it("a closed port is UNREACHABLE", async () => {
      const url = server.url;
      await server.close();
      const offline = new ExecutionEngineHttp({url, jwtSecret: SECRET});
      await assert.rejects(offline.exchangeCapabilities(), hasCode(ExecutionEngineErrorCode.UNREACHABLE, (e) => /ECONNREFUSED/.test(e.detail.reason ?? "")));
      server = await startRpcServer(() => ({result: []}));
    });
  });
});
