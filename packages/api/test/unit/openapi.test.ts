import {strict as assert} from "node:assert";
import {existsSync} from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {loadOpenApiSpec, type OpenApiSpec} from "../../src/index.js";

const SHARED = process.env.HEARTH_SHARED ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../../../shared");
const BEACON_YAML = path.join(SHARED, "apis/beacon-APIs/beacon-node-oapi.yaml");
const KEYMANAGER_YAML = path.join(SHARED, "apis/keymanager-APIs/keymanager-oapi.yaml");

const root = "0x" + "ab".repeat(32);
const sig = "0x" + "cd".repeat(96);
const genesis = {data: {genesis_time: "1606824023", genesis_validators_root: root, genesis_fork_version: "0x00000000"}};

function phase0Block(): Record<string, unknown> {
  const checkpoint = {epoch: "0", root};
  return {
    message: {
      slot: "1",
      proposer_index: "2",
      parent_root: root,
      state_root: root,
      body: {
        randao_reveal: sig,
        eth1_data: {deposit_root: root, deposit_count: "0", block_hash: root},
        graffiti: root,
        proposer_slashings: [],
        attester_slashings: [],
        attestations: [{aggregation_bits: "0x01", data: {slot: "0", index: "0", beacon_block_root: root, source: checkpoint, target: checkpoint}, signature: sig}],
        deposits: [],
        voluntary_exits: [],
      },
    },
    signature: sig,
  };
}

describe("openapi: the Beacon API yaml loaded with ajv validators", function () {
  this.timeout(30_000);
  let spec: OpenApiSpec;
  before(function () {
    if (!existsSync(BEACON_YAML)) this.skip();
    spec = loadOpenApiSpec(BEACON_YAML);
  });

  it("enumerates every operation with method, path, tags and the gloas-only flag", () => {
    const ids = spec.operations.map((op) => op.operationId);
    assert.equal(new Set(ids).size, ids.length, "operationIds are unique");
    assert.ok(spec.operations.length >= 80, `${spec.operations.length} operations`);
    const genesisOp = spec.operation("getGenesis");
    assert.deepEqual([genesisOp.method, genesisOp.path, genesisOp.tags], ["GET", "/eth/v1/beacon/genesis", ["Beacon", "ValidatorRequiredApi"]]);
    const post = spec.operation("postStateValidators");
    assert.deepEqual([post.method, post.path], ["POST", "/eth/v1/beacon/states/{state_id}/validators"]);
    assert.equal(post.parameters.find((p) => p.name === "state_id")?.in, "path");
    for (const id of ["getPtcDuties", "produceBlockV4", "getStateBuilders", "getExecutionPayloadBid"]) assert.equal(spec.operation(id).gloasOnly, true, id);
    for (const id of ["produceBlockV3", "getBlockV2", "prepareBeaconProposer", "getProposerLookahead"]) assert.equal(spec.operation(id).gloasOnly, false, id);
    assert.deepEqual(Object.keys(spec.operation("getBlockV2").responses).sort(), ["200", "400", "404", "406", "500"]);
    assert.ok("application/octet-stream" in spec.operation("getBlockV2").responses["200"].content);
  });

  it("validates a response by operation and status, and names what is wrong", () => {
    assert.equal(spec.validateResponse("getGenesis", 200, genesis), null);
    const errors = spec.validateResponse("getGenesis", 200, {data: {...genesis.data, genesis_time: 1}});
    assert.ok(errors?.some((e) => e.startsWith("/data/genesis_time must be string")), String(errors));
    assert.ok(spec.validateResponse("getGenesis", 200, {data: {...genesis.data, genesis_validators_root: "0x12"}})?.[0].includes("pattern"));
    assert.equal(spec.validateResponse("getGenesis", 404, {code: 404, message: "no genesis"}), null);
    assert.ok(spec.validateResponse("getGenesis", 404, {message: "no code"}) !== null);
    assert.deepEqual(spec.validateResponse("getGenesis", 418, {}), ["getGenesis: the spec defines no 418 response"]);
  });

  it("checks a versioned body against its fork's variant, not just any fork's", () => {
    const body = {version: "phase0", execution_optimistic: false, finalized: true, data: phase0Block()};
    assert.equal(spec.validateResponse("getBlockV2", 200, body), null);
    // a phase0 block passes the anyOf loosely, but not as the electra block its version claims
    const errors = spec.validateResponse("getBlockV2", 200, {...body, version: "electra"});
    assert.ok(errors !== null && errors[0].startsWith("/data(electra) "), String(errors));
    // request bodies take the fork from the header
    assert.equal(spec.validateRequest("publishBlockV2", phase0Block(), {fork: "phase0"}), null);
    assert.ok(spec.validateRequest("publishBlockV2", phase0Block(), {fork: "capella"}) !== null);
  });

  it("validates request bodies and parameters", () => {
    assert.equal(spec.validateRequest("postStateValidators", {ids: ["1", "0x" + "aa".repeat(48)], statuses: ["active"]}), null);
    assert.ok(spec.validateRequest("postStateValidators", {statuses: ["sleeping"]}) !== null);
    assert.equal(spec.validateParameter("getStateRoot", "state_id", "head"), null);
    assert.deepEqual(spec.validateRequest("getGenesis", {}), ["getGenesis: the spec defines no request body"]);
  });

  it("loads the keymanager yaml the same way", function () {
    if (!existsSync(KEYMANAGER_YAML)) this.skip();
    const km = loadOpenApiSpec(KEYMANAGER_YAML);
    const list = km.operation("listKeys");
    assert.deepEqual([list.method, list.path], ["GET", "/eth/v1/keystores"]);
    assert.equal(km.validateResponse("listKeys", 200, {data: [{validating_pubkey: "0x" + "93".repeat(48), derivation_path: "m/12381/3600/0/0/0", readonly: false}]}), null);
    assert.ok(km.validateResponse("listKeys", 200, {data: [{derivation_path: 5}]}) !== null);
  });
});
