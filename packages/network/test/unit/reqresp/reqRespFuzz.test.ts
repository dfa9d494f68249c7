// Malformed frames on every req/resp protocol, floods, timeouts and lying servers: every case gets
// its error code, the peer is reported, and the server still answers a good request afterwards.
import {strict as assert} from "node:assert";
import type {Libp2p} from "@libp2p/interface";
import {compressSync} from "snappy";
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {p2p, sszTypesFor} from "@hearth/types";
import {PeerAction} from "../../../src/peers/score.js";
import {BufferedSource, STREAM_IDENTIFIER, concat, encodeSszSnappyBytes, encodeVarint, maskedCrc32c, readSszSnappyPayload} from "../../../src/encoding/index.js";
import {PROTOCOLS, ReqResp, RequestError, RequestErrorCode, RespCode, protocolId, ReqRespMethod} from "../../../src/reqresp/index.js";
import {createNode, rawRequest, silentLogger, testConfig} from "./helpers.js";
import {STATUS, serverHandlers} from "./reqResp.test.js";

const config = testConfig();

/** The response code of a raw response and its error message. */
async function parseResponse(bytes: Uint8Array): Promise<{code: number | null; message: string}> {
  if (bytes.length === 0) return {code: null, message: ""};
  const src = BufferedSource.from((async function* () { yield bytes.subarray(1); })());
  const msg = bytes[0] === 0 ? null : await readSszSnappyPayload(src, {minSize: 0, maxSize: 256});
  return {code: bytes[0], message: msg ? new TextDecoder().decode(msg) : ""};
}

function frame(type: number, body: Uint8Array): Uint8Array {
  return concat([Uint8Array.from([type, body.length & 0xff, (body.length >> 8) & 0xff, body.length >> 16]), body]);
}
function crc(data: Uint8Array): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, maskedCrc32c(data), true);
  return b;
}

/** A valid request body for each protocol that has one. */
function goodBody(method: ReqRespMethod, version: number): Uint8Array {
  switch (method) {
    case ReqRespMethod.Status: return version === 2 ? p2p.StatusV2.serialize(STATUS) : p2p.Status.serialize(STATUS);
    case ReqRespMethod.Goodbye: return p2p.Goodbye.serialize(1);
    case ReqRespMethod.Ping: return p2p.Ping.serialize(1);
    case ReqRespMethod.BeaconBlocksByRange: return p2p.BeaconBlocksByRangeRequest.serialize({startSlot: 0, count: 4, step: 1});
    case ReqRespMethod.BeaconBlocksByRoot: return p2p.BeaconBlocksByRootRequest.serialize([new Uint8Array(32)]);
    case ReqRespMethod.BlobSidecarsByRange: return p2p.BlobSidecarsByRangeRequest.serialize({startSlot: 0, count: 4});
    case ReqRespMethod.BlobSidecarsByRoot: return p2p.BlobSidecarsByRootRequest.serialize([{blockRoot: new Uint8Array(32), index: 0}]);
    case ReqRespMethod.DataColumnSidecarsByRange: return p2p.DataColumnSidecarsByRangeRequest.serialize({startSlot: 0, count: 4, columns: [0, 5]});
    case ReqRespMethod.DataColumnSidecarsByRoot: return p2p.DataColumnSidecarsByRootRequest.serialize([{blockRoot: new Uint8Array(32), columns: [0, 5]}]);
    case ReqRespMethod.LightClientBootstrap: return new Uint8Array(32).fill(0xaa);
    case ReqRespMethod.LightClientUpdatesByRange: return p2p.LightClientUpdatesByRangeRequest.serialize({startPeriod: 0, count: 1});
    default: throw new Error(`${method} has no body`);
  }
}

/** Ways to break a request, each from a good body. */
const MALFORMATIONS: Record<string, (ssz: Uint8Array) => Uint8Array> = {
  "bad snappy": (ssz) => concat([encodeVarint(ssz.length), STREAM_IDENTIFIER, frame(0x00, concat([crc(ssz), Uint8Array.from([ssz.length, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])]))]),
  "bad CRC": (ssz) => concat([encodeVarint(ssz.length), STREAM_IDENTIFIER, frame(0x00, concat([Uint8Array.of(1, 2, 3, 4), compressSync(ssz)]))]),
  "length prefix above the type's max": (ssz) => concat([encodeVarint(20 * 2 ** 20), encodeSszSnappyBytes(ssz).subarray(encodeVarint(ssz.length).length)]),
  "length prefix larger than the data": (ssz) => concat([encodeVarint(ssz.length + 1), encodeSszSnappyBytes(ssz).subarray(encodeVarint(ssz.length).length)]),
  "length prefix smaller than the data": (ssz) => concat([encodeVarint(ssz.length - 1), encodeSszSnappyBytes(ssz).subarray(encodeVarint(ssz.length).length)]),
  "truncated frames": (ssz) => encodeSszSnappyBytes(ssz).subarray(0, encodeSszSnappyBytes(ssz).length - 3),
  "trailing bytes": (ssz) => concat([encodeSszSnappyBytes(ssz), Uint8Array.of(0)]),
  "no stream identifier": (ssz) => concat([encodeVarint(ssz.length), frame(0x01, concat([crc(ssz), ssz]))]),
  "empty stream": () => new Uint8Array(0),
};

describe("reqresp fuzzing: malformed requests on every protocol", function () {
  this.timeout(20_000);
  let serverNode: Libp2p, clientNode: Libp2p;
  let server: ReqResp, client: ReqResp;
  const actions: {peer: string; action: PeerAction; reason: string}[] = [];

  before(async () => {
    [serverNode, clientNode] = await Promise.all([createNode(), createNode()]);
    server = new ReqResp({
      libp2p: serverNode, config, handlers: serverHandlers([]), logger: silentLogger, requestTimeoutMs: 1500,
      // generous quotas here: the flood test below uses its own server
      quotas: Object.fromEntries(Object.values(ReqRespMethod).map((m) => [m, {capacity: 10_000, periodMs: 1000}])),
      onPeerAction: (peer, action, reason) => actions.push({peer, action, reason}),
    });
    client = new ReqResp({libp2p: clientNode, config, handlers: serverHandlers([]), logger: silentLogger});
    await server.start();
    await clientNode.dial(serverNode.getMultiaddrs()[0]);
  });
  after(async () => {
    await server.stop();
    await Promise.all([serverNode.stop(), clientNode.stop()]);
  });

  const withBody = PROTOCOLS.filter((p) => p.requestType !== null);
  for (const protocol of withBody) {
    it(`${protocol.method}/${protocol.version}: each malformation answered INVALID_REQUEST and reported`, async () => {
      const body = goodBody(protocol.method, protocol.version);
      for (const [name, make] of Object.entries(MALFORMATIONS)) {
        // a 1-byte-shorter prefix is still in bounds only for variable-size types; either way it must fail
        const before = actions.length;
        const res = await parseResponse(await rawRequest(clientNode, serverNode, protocol.id, make(body)));
        assert.equal(res.code, RespCode.INVALID_REQUEST, `${name}: got ${res.code} ${res.message}`);
        assert.ok(res.message.startsWith("SSZ_SNAPPY_"), `${name}: message ${res.message}`);
        assert.equal(actions.length, before + 1, `${name}: peer reported`);
        assert.equal(actions[actions.length - 1].action, PeerAction.LowToleranceError);
        assert.equal(actions[actions.length - 1].peer, clientNode.peerId.toString());
      }
      // the server is still up and answers a good request on the same protocol
      const ok = await rawRequest(clientNode, serverNode, protocol.id, encodeSszSnappyBytes(body));
      assert.ok(ok.length === 0 || ok[0] === RespCode.SUCCESS || ok[0] === RespCode.RESOURCE_UNAVAILABLE, `good request answered ${ok[0]}`);
    });
  }

  it("bad SSZ inside valid framing: INVALID_REQUEST with SSZ_SNAPPY_INVALID_SSZ", async () => {
    // 41 bytes is no whole number of BlobIdentifiers (40 bytes each); 33 bytes no whole number of roots
    const res = await parseResponse(await rawRequest(clientNode, serverNode, protocolId(ReqRespMethod.BlobSidecarsByRoot, 1), encodeSszSnappyBytes(new Uint8Array(41))));
    assert.equal(res.code, RespCode.INVALID_REQUEST);
    assert.ok(["SSZ_SNAPPY_INVALID_SSZ", "SSZ_SNAPPY_LENGTH_OUT_OF_BOUNDS"].includes(res.message), res.message);
    const bits = await parseResponse(await rawRequest(clientNode, serverNode, protocolId(ReqRespMethod.BeaconBlocksByRoot, 2), encodeSszSnappyBytes(new Uint8Array(33))));
    assert.equal(bits.code, RespCode.INVALID_REQUEST);
    assert.equal(bits.message, "SSZ_SNAPPY_INVALID_SSZ");
  });

  it("semantically invalid requests: count 0, step 2, too many roots", async () => {
    for (const req of [{startSlot: 0, count: 0, step: 1}, {startSlot: 0, count: 5, step: 2}]) {
      const res = await parseResponse(await rawRequest(clientNode, serverNode, protocolId(ReqRespMethod.BeaconBlocksByRange, 2), encodeSszSnappyBytes(p2p.BeaconBlocksByRangeRequest.serialize(req))));
      assert.equal(res.code, RespCode.INVALID_REQUEST, res.message);
    }
    const roots = Array.from({length: 129}, () => new Uint8Array(32)); // > MAX_REQUEST_BLOCKS_DENEB
    const res = await parseResponse(await rawRequest(clientNode, serverNode, protocolId(ReqRespMethod.BeaconBlocksByRoot, 2), encodeSszSnappyBytes(p2p.BeaconBlocksByRootRequest.serialize(roots))));
    assert.equal(res.code, RespCode.INVALID_REQUEST);
    assert.equal(res.message, "more than 128 roots");
  });

  it("a body on a body-less protocol (metadata) is INVALID_REQUEST", async () => {
    const res = await parseResponse(await rawRequest(clientNode, serverNode, protocolId(ReqRespMethod.Metadata, 2), Uint8Array.of(1, 2, 3)));
    assert.equal(res.code, RespCode.INVALID_REQUEST);
  });

  it("a requester that never finishes its request is cut off by the request timeout", async () => {
    const t0 = Date.now();
    const out = await rawRequest(clientNode, serverNode, protocolId(ReqRespMethod.Status, 1), encodeSszSnappyBytes(p2p.Status.serialize(STATUS)).subarray(0, 5), {closeWrite: false});
    assert.equal(out.length, 0);
    assert.ok(Date.now() - t0 < 4000, "closed by the 1.5 s request timeout");
    assert.equal(actions[actions.length - 1].action, PeerAction.HighToleranceError);
  });

  it("unknown protocol is refused at negotiation", async () => {
    await assert.rejects(clientNode.dialProtocol(serverNode.peerId, "/eth2/beacon_chain/req/no_such_thing/1/ssz_snappy"));
    await assert.rejects(clientNode.dialProtocol(serverNode.peerId, "/eth2/beacon_chain/req/status/1/ssz"));
  });

  it("100 random byte strings over every protocol: every answer is an error code or nothing, and the server keeps serving", async () => {
    let seed = 99;
    const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const counts = new Map<string, number>();
    const all = PROTOCOLS;
    // 100 streams, 10 at a time (within MAX_CONCURRENT_REQUESTS per protocol, spread over protocols)
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({length: 10}, async (_, i) => {
          const protocol = all[(batch * 10 + i) % all.length];
          const len = rand(80);
          const bytes = Uint8Array.from({length: len}, () => rand(256));
          if (len > 2 && rand(2) === 0) bytes.set(encodeSszSnappyBytes(new Uint8Array(0)).subarray(0, Math.min(11, len)));
          const res = await parseResponse(await rawRequest(clientNode, serverNode, protocol.id, bytes).catch(() => new Uint8Array(0)));
          const key = String(res.code);
          counts.set(key, (counts.get(key) ?? 0) + 1);
        })
      );
    }
    for (const code of counts.keys()) assert.ok(["1", "139", "null", "0", "3"].includes(code), `unexpected code ${code}: ${JSON.stringify([...counts])}`);
    assert.ok((counts.get("1") ?? 0) > 75, JSON.stringify([...counts]));
    assert.equal(await client.ping(serverNode.peerId, 1), 42);
  });
});

describe("reqresp fuzzing: floods hit the rate limiter", function () {
  this.timeout(10_000);
  it("status flood: over-quota requests are withheld, not refused nor penalised (spec); concurrent excess is refused and penalised", async () => {
    const [serverNode, clientNode] = await Promise.all([createNode(), createNode()]);
    const actions: PeerAction[] = [];
    const server = new ReqResp({
      libp2p: serverNode, config, handlers: serverHandlers([]), logger: silentLogger, requestTimeoutMs: 300, onPeerAction: (_p, a) => actions.push(a),
      // 5 per 500 ms: once the burst is spent, one request per 100 ms
      quotas: {[ReqRespMethod.Status]: {capacity: 5, periodMs: 500}},
    });
    const client = new ReqResp({libp2p: clientNode, config, handlers: serverHandlers([]), logger: silentLogger});
    await server.start();
    try {
      await clientNode.dial(serverNode.getMultiaddrs()[0]);
      const results: string[] = [];
      const started = Date.now();
      for (let i = 0; i < 20; i++) {
        try {
          await client.status(serverNode.peerId, STATUS);
          results.push("ok");
        } catch (e) {
          results.push(String((e as RequestError).detail.respCode));
        }
      }
      const elapsed = Date.now() - started;
      // phase0 p2p-interface.md: "The responder MUST NOT respond with an error or close the stream when rate limiting."
      assert.deepEqual(results, Array(20).fill("ok"));
      // 15 requests beyond the burst at 100 ms each: the responses were withheld
      assert.ok(elapsed >= 1300, `20 status requests took only ${elapsed} ms`);
      assert.deepEqual(actions, [], "rate limiting does not score the requester");
      // blocks by range has its own bucket, untouched by the status flood
      await client.beaconBlocksByRange(serverNode.peerId, {startSlot: 0, count: 128});
      assert.equal(await client.ping(serverNode.peerId, 1), 42);

      // concurrent streams beyond MAX_CONCURRENT_REQUESTS on one protocol: refused with RATE_LIMITED
      const raw = await Promise.all(Array.from({length: 6}, () => rawRequest(clientNode, serverNode, protocolId(ReqRespMethod.Metadata, 2), null, {closeWrite: false}).catch(() => new Uint8Array(0))));
      assert.ok(raw.filter((r) => r[0] === RespCode.RATE_LIMITED).length >= 4, `codes ${raw.map((r) => r[0]).join(",")}`);
      // the spec lets a responder penalise more than MAX_CONCURRENT_REQUESTS open streams
      assert.ok(actions.filter((a) => a === PeerAction.HighToleranceError).length >= 4, `actions ${actions.join(",")}`);
    } finally {
      await server.stop();
      await Promise.all([serverNode.stop(), clientNode.stop()]);
    }
  });
});

describe("reqresp fuzzing: lying or slow servers, seen from the requester", function () {
  this.timeout(10_000);
  let evilNode: Libp2p, clientNode: Libp2p, client: ReqResp;
  const actions: {action: PeerAction; reason: string}[] = [];
  let reply: () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

  before(async () => {
    [evilNode, clientNode] = await Promise.all([createNode(), createNode()]);
    for (const p of PROTOCOLS) {
      await evilNode.handle(p.id, async ({stream}) => {
        for await (const _ of stream.source) { /* drain the request */ }
        await stream.sink(reply()).catch(() => undefined);
      });
    }
    client = new ReqResp({libp2p: clientNode, config, handlers: serverHandlers([]), logger: silentLogger, ttfbTimeoutMs: 300, respTimeoutMs: 300, onPeerAction: (_p, action, reason) => actions.push({action, reason})});
    await clientNode.dial(evilNode.getMultiaddrs()[0]);
  });
  after(async () => {
    await Promise.all([evilNode.stop(), clientNode.stop()]);
  });

  const block = (slot: number): Uint8Array => {
    const fork = config.forkAtEpoch(Math.floor(slot / SLOTS_PER_EPOCH));
    const b = sszTypesFor(fork).SignedBeaconBlock.defaultValue();
    b.message.slot = slot;
    return sszTypesFor(fork).SignedBeaconBlock.serialize(b as never);
  };
  const chunk = (ctx: Uint8Array, ssz: Uint8Array): Uint8Array => concat([Uint8Array.of(0), ctx, encodeSszSnappyBytes(ssz)]);

  async function expectError(p: Promise<unknown>, code: RequestErrorCode, action?: PeerAction): Promise<void> {
    const before = actions.length;
    await assert.rejects(p, (e: unknown) => e instanceof RequestError && e.code === code);
    if (action) assert.equal(actions[actions.length - 1]?.action, action);
    else assert.equal(actions.length, before);
  }

  it("wrong fork digest in the context bytes: UNKNOWN_CONTEXT_BYTES, peer penalised", async () => {
    reply = () => [chunk(Uint8Array.of(9, 9, 9, 9), block(1))];
    await expectError(client.beaconBlocksByRange(evilNode.peerId, {startSlot: 0, count: 4}), RequestErrorCode.UNKNOWN_CONTEXT_BYTES, PeerAction.LowToleranceError);
  });

  it("a digest of another fork than the bytes' type: INVALID_RESPONSE (the SSZ does not fit)", async () => {
    // an altair block sent under the deneb digest
    reply = () => [chunk(config.forkDigestAtEpoch(3), block(1))];
    await expectError(client.beaconBlocksByRange(evilNode.peerId, {startSlot: 0, count: 4}), RequestErrorCode.INVALID_RESPONSE, PeerAction.LowToleranceError);
  });

  it("blocks outside the range or out of order: UNEXPECTED_RESPONSE", async () => {
    reply = () => [chunk(config.forkDigestAtEpoch(0), block(9))];
    await expectError(client.beaconBlocksByRange(evilNode.peerId, {startSlot: 0, count: 4}), RequestErrorCode.UNEXPECTED_RESPONSE, PeerAction.LowToleranceError);
    reply = () => [chunk(config.forkDigestAtEpoch(0), block(2)), chunk(config.forkDigestAtEpoch(0), block(1))];
    await expectError(client.beaconBlocksByRange(evilNode.peerId, {startSlot: 0, count: 4}), RequestErrorCode.UNEXPECTED_RESPONSE, PeerAction.LowToleranceError);
  });

  it("an unrequested block by root: UNEXPECTED_RESPONSE", async () => {
    reply = () => [chunk(config.forkDigestAtEpoch(0), block(1))];
    await expectError(client.beaconBlocksByRoot(evilNode.peerId, [new Uint8Array(32).fill(3)]), RequestErrorCode.UNEXPECTED_RESPONSE, PeerAction.LowToleranceError);
  });

  it("garbage response bytes: INVALID_RESPONSE; an oversize prefix is refused before reading", async () => {
    reply = () => [Uint8Array.of(0, 0xff, 0xff, 0xff, 0x7f, 1, 2, 3)];
    await expectError(client.ping(evilNode.peerId, 1), RequestErrorCode.INVALID_RESPONSE, PeerAction.LowToleranceError);
    reply = () => [concat([Uint8Array.of(0), encodeVarint(84), STREAM_IDENTIFIER, frame(0x01, concat([Uint8Array.of(0, 0, 0, 0), new Uint8Array(84)]))])];
    await expectError(client.status(evilNode.peerId, STATUS), RequestErrorCode.INVALID_RESPONSE, PeerAction.LowToleranceError);
  });

  it("an error response is a typed error, not a penalty", async () => {
    reply = () => [concat([Uint8Array.of(RespCode.SERVER_ERROR), encodeSszSnappyBytes(new TextEncoder().encode("boom"))])];
    await assert.rejects(client.ping(evilNode.peerId, 1), (e: RequestError) => e.code === RequestErrorCode.ERROR_RESPONSE && e.detail.errorMessage === "boom");
  });

  it("silence: TTFB_TIMEOUT; a stall mid-response: RESP_TIMEOUT", async () => {
    reply = async function* () { await new Promise((r) => setTimeout(r, 2000)); yield new Uint8Array(0); };
    const t0 = Date.now();
    await expectError(client.ping(evilNode.peerId, 1), RequestErrorCode.TTFB_TIMEOUT, PeerAction.HighToleranceError);
    assert.ok(Date.now() - t0 < 1500);
    reply = async function* () { yield Uint8Array.of(0, 8); await new Promise((r) => setTimeout(r, 2000)); };
    await expectError(client.ping(evilNode.peerId, 1), RequestErrorCode.RESP_TIMEOUT, PeerAction.HighToleranceError);
  });

  it("an empty response to a single-chunk protocol: EMPTY_RESPONSE", async () => {
    reply = () => [];
    await expectError(client.metadata(evilNode.peerId), RequestErrorCode.EMPTY_RESPONSE);
  });
});
