import {strict as assert} from "node:assert";
import {phase0} from "@hearth/types";
import {ApiClientError, ApiClientErrorCode} from "../../src/index.js";
import {phase0Block} from "./fakeImpl.js";
import {getJson, startTestServer, type TestContext} from "./helpers.js";

describe("Beacon API server: bad input and errors", function () {
  this.timeout(20_000);
  let t: TestContext;
  before(async () => (t = await startTestServer()));
  after(async () => t.server.close());

  describe("errors", () => {
    it("answers a garbage JSON body with 400 and a message", async () => {
      const {status, body} = await getJson(`${t.url}/eth/v1/beacon/pool/voluntary_exits`, {
        method: "POST",
        headers: {"content-type": "application/json"},
        body: "{not json",
      });
      assert.equal(status, 400);
      assert.equal(body.code, 400);
      assert.match(body.message as string, /^Invalid JSON body: /);
    });

    it("answers a body with a bad field with 400 naming the field", async () => {
      const exit = {message: {epoch: "1e3", validator_index: "2"}, signature: "0x" + "00".repeat(96)};
      const {status, body} = await getJson(`${t.url}/eth/v1/beacon/pool/voluntary_exits`, {
        method: "POST",
        headers: {"content-type": "application/json"},
        body: JSON.stringify(exit),
      });
      assert.equal(status, 400);
      assert.match(body.message as string, /message\.epoch/);
      const badHex = {...exit, message: {epoch: "1", validator_index: "2"}, signature: "0x" + "zz".repeat(96)};
      const res2 = await getJson(`${t.url}/eth/v1/beacon/pool/voluntary_exits`, {
        method: "POST",
        headers: {"content-type": "application/json"},
        body: JSON.stringify(badHex),
      });
      assert.equal(res2.status, 400);
      assert.match(res2.body.message as string, /signature/);
    });

    it("answers a missing body with 400", async () => {
      const {status, body} = await getJson(`${t.url}/eth/v1/validator/duties/attester/1`, {method: "POST"});
      assert.equal(status, 400);
      assert.equal(body.message, "Missing request body");
    });

    it("answers a missing or unknown Eth-Consensus-Version with 400", async () => {
      const block = JSON.stringify(phase0.SignedBeaconBlock.toJson(phase0Block(1)));
      const missing = await getJson(`${t.url}/eth/v2/beacon/blocks`, {method: "POST", headers: {"content-type": "application/json"}, body: block});
      assert.equal(missing.status, 400);
      assert.equal(missing.body.message, "Missing required header Eth-Consensus-Version");
      const unknown = await getJson(`${t.url}/eth/v2/beacon/blocks`, {method: "POST", headers: {"eth-consensus-version": "merge"}, body: block});
      assert.equal(unknown.status, 400);
      assert.match(unknown.body.message as string, /^Invalid header Eth-Consensus-Version/);
    });

    it("answers an unknown state id with 404", async () => {
      const {status, body} = await getJson(`${t.url}/eth/v1/beacon/states/12345/root`);
      assert.equal(status, 404);
      assert.deepEqual(body, {code: 404, message: "State not found: 12345"});
      await assert.rejects(t.client.getStateRoot({stateId: 12345}), (e: ApiClientError) => {
        assert.equal(e.code, ApiClientErrorCode.HTTP_ERROR);
        assert.equal(e.status, 404);
        assert.match(e.message, /State not found/);
        return true;
      });
    });

    it("answers an invalid parameter with 400 naming it", async () => {
      const slot = await getJson(`${t.url}/eth/v1/validator/attestation_data?slot=abc&committee_index=0`);
      assert.equal(slot.status, 400);
      assert.equal(slot.body.message, 'Invalid query param slot: expected a decimal uint64, got "abc"');
      const path = await getJson(`${t.url}/eth/v3/validator/blocks/abc?randao_reveal=0x00`);
      assert.equal(path.status, 400);
      assert.match(path.body.message as string, /^Invalid path param slot: /);
      const state = await getJson(`${t.url}/eth/v1/beacon/states/current/root`);
      assert.equal(state.status, 400);
      assert.match(state.body.message as string, /^Invalid path param state_id: /);
      const missing = await getJson(`${t.url}/eth/v1/validator/attestation_data`);
      assert.equal(missing.body.message, "Missing required query param slot");
    });

    it("answers a malformed URL with 400 in the spec's shape", async () => {
      const {status, body} = await getJson(`${t.url}/eth/v1/beacon/states/%ZZ/root`);
      assert.equal(status, 400);
      assert.equal(body.code, 400);
      assert.equal(typeof body.message, "string");
    });

    it("answers an unknown route with 404 in the spec's shape", async () => {
      const {status, body} = await getJson(`${t.url}/eth/v1/nothing/here`);
      assert.equal(status, 404);
      assert.equal(body.code, 404);
    });

    it("answers 500 for an unexpected implementation error, logs it, and keeps serving", async () => {
      const original = t.node.impl.getBlockRoot;
      t.node.impl.getBlockRoot = async () => {
        throw new TypeError("boom");
      };
      try {
        const {status, body} = await getJson(`${t.url}/eth/v1/beacon/blocks/head/root`);
        assert.equal(status, 500);
        assert.equal(body.message, "Internal server error: boom");
        assert.ok(t.logged.some((l) => l.level === "error" && l.ctx?.operationId === "getBlockRoot"));
      } finally {
        t.node.impl.getBlockRoot = original;
      }
      assert.equal((await t.client.getBlockRoot({blockId: "head"})).status, 200);
    });
  });

  describe("node health", () => {
    it("answers with the implementation's status and no body", async () => {
      const res = await fetch(`${t.url}/eth/v1/node/health`);
      assert.equal(res.status, 206);
      assert.equal(await res.text(), "");
      assert.equal((await t.client.getHealth()).data, 206);
      assert.equal((await t.client.getHealth({syncingStatus: 200})).data, 200);
      const bad = await getJson(`${t.url}/eth/v1/node/health?syncing_status=99`);
      assert.equal(bad.status, 400);
    });
  });
});
