import {strict as assert} from "node:assert";
import {createServer, type Server} from "node:http";
import type {AddressInfo} from "node:net";
import {
  ApiClientError,
  ApiClientErrorCode,
  createBeaconApiClient,
  createBeaconApiServer,
  type BeaconApiServer,
} from "../../src/index.js";
import {phase0Block} from "./fakeImpl.js";
import {getJson, startTestServer, type TestContext} from "./helpers.js";

function rejectsWith(code: ApiClientErrorCode, check?: (e: ApiClientError) => void) {
  return (e: unknown): boolean => {
    assert.ok(e instanceof ApiClientError, String(e));
    assert.equal(e.code, code, e.message);
    check?.(e);
    return true;
  };
}

describe("typed client", function () {
  this.timeout(10_000);
  let t: TestContext;
  before(async () => (t = await startTestServer()));
  after(async () => t.server.close());

  it("falls back to the next base URL when one is unreachable", async () => {
    const client = createBeaconApiClient({baseUrls: ["http://127.0.0.1:1", `${t.url}/`], timeoutMs: 2000});
    const res = await client.getNodeVersion();
    assert.equal(res.data.version, "Hearth/v0.1.0");
  });

  it("reports an unreachable server as a network error", async () => {
    const client = createBeaconApiClient({baseUrl: "http://127.0.0.1:1", timeoutMs: 2000});
    await assert.rejects(client.getGenesis(), rejectsWith(ApiClientErrorCode.NETWORK, (e) => assert.equal(e.status, undefined)));
  });

  it("times out on a server that never answers", async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const {port} = silent.address() as AddressInfo;
    try {
      const client = createBeaconApiClient({baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 200});
      await assert.rejects(client.getGenesis(), rejectsWith(ApiClientErrorCode.TIMEOUT));
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it("refuses arguments it cannot encode, before sending", async () => {
    const call = t.client.getStateRoot as (args: object) => Promise<unknown>;
    await assert.rejects(call({}), rejectsWith(ApiClientErrorCode.INVALID_REQUEST, (e) => assert.match(e.message, /missing argument stateId/)));
  });

  it("reads a response it cannot decode as invalid", async () => {
    const liar: Server = createServer((_req, res) => res.writeHead(200, {"content-type": "application/json"}).end('{"data":{"root":"nope"}}'));
    await new Promise<void>((resolve) => liar.listen(0, "127.0.0.1", resolve));
    const {port} = liar.address() as AddressInfo;
    try {
      const client = createBeaconApiClient({baseUrl: `http://127.0.0.1:${port}`});
      await assert.rejects(client.getBlockRoot({blockId: "head"}), rejectsWith(ApiClientErrorCode.INVALID_RESPONSE, (e) => assert.equal(e.status, 200)));
    } finally {
      liar.closeAllConnections();
      await new Promise((resolve) => liar.close(resolve));
    }
  });
});

describe("server limits", function () {
  this.timeout(10_000);
  let server: BeaconApiServer;
  let url: string;
  before(async () => {
    server = createBeaconApiServer({implementation: {}, port: 0, bodyLimit: 4096});
    url = (await server.listen()).url;
  });
  after(async () => server.close());

  it("answers 501 for a method the implementation lacks", async () => {
    const client = createBeaconApiClient({baseUrl: url});
    await assert.rejects(client.getGenesis(), rejectsWith(ApiClientErrorCode.HTTP_ERROR, (e) => assert.equal(e.status, 501)));
  });

  it("answers 413 in the spec's shape for a body over the limit", async () => {
    const res = await getJson(`${url}/eth/v2/beacon/blocks`, {
      method: "POST",
      headers: {"content-type": "application/json", "eth-consensus-version": "phase0"},
      body: "x".repeat(5000),
    });
    assert.equal(res.status, 413);
    assert.equal(res.body.code, 413);
  });

  it("answers a truncated SSZ body with 400", async () => {
    const bytes = (await import("@hearth/types")).phase0.SignedBeaconBlock.serialize(phase0Block(1));
    const res = await getJson(`${url}/eth/v2/beacon/blocks`, {
      method: "POST",
      headers: {"content-type": "application/octet-stream", "eth-consensus-version": "phase0"},
      body: bytes.subarray(0, 50),
    });
    assert.equal(res.status, 400);
    assert.match(res.body.message as string, /^Invalid SSZ body: /);
  });
});
