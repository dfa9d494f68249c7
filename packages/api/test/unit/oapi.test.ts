import {strict as assert} from "node:assert";
import {existsSync} from "node:fs";
import {toHex} from "@hearth/config";
import {electra, phase0} from "@hearth/types";
import {beaconApiRoutes} from "../../src/index.js";
import {encodeRequest} from "../../src/client/request.js";
import {denebBlock, phase0Block} from "./fakeImpl.js";
import {getJson, startTestServer, type TestContext} from "./helpers.js";
import {OAPI_DIR, routeSchema, validate} from "./oapiSchema.js";

const reveal = toHex(new Uint8Array(96).fill(1));
const root = toHex(new Uint8Array(32).fill(2));

/** [spec path, request path, method, body?] of responses checked against the spec's schema. */
const RESPONSES: [string, string, "get" | "post", unknown?][] = [
  ["/eth/v1/node/identity", "/eth/v1/node/identity", "get"],
  ["/eth/v1/node/peers", "/eth/v1/node/peers", "get"],
  ["/eth/v1/node/peer_count", "/eth/v1/node/peer_count", "get"],
  ["/eth/v1/node/version", "/eth/v1/node/version", "get"],
  ["/eth/v1/node/syncing", "/eth/v1/node/syncing", "get"],
  ["/eth/v1/beacon/genesis", "/eth/v1/beacon/genesis", "get"],
  ["/eth/v1/beacon/headers", "/eth/v1/beacon/headers", "get"],
  ["/eth/v1/beacon/headers/{block_id}", "/eth/v1/beacon/headers/head", "get"],
  ["/eth/v2/beacon/blocks/{block_id}", "/eth/v2/beacon/blocks/5", "get"],
  ["/eth/v2/beacon/blocks/{block_id}", "/eth/v2/beacon/blocks/head", "get"],
  ["/eth/v1/beacon/blocks/{block_id}/root", "/eth/v1/beacon/blocks/head/root", "get"],
  ["/eth/v1/beacon/states/{state_id}/root", "/eth/v1/beacon/states/head/root", "get"],
  ["/eth/v1/beacon/states/{state_id}/fork", "/eth/v1/beacon/states/head/fork", "get"],
  ["/eth/v1/beacon/states/{state_id}/finality_checkpoints", "/eth/v1/beacon/states/head/finality_checkpoints", "get"],
  ["/eth/v1/beacon/states/{state_id}/validators", "/eth/v1/beacon/states/head/validators", "get"],
  ["/eth/v1/beacon/states/{state_id}/validators/{validator_id}", "/eth/v1/beacon/states/head/validators/1", "get"],
  ["/eth/v1/beacon/states/{state_id}/committees", "/eth/v1/beacon/states/head/committees", "get"],
  ["/eth/v1/beacon/states/{state_id}/sync_committees", "/eth/v1/beacon/states/head/sync_committees", "get"],
  ["/eth/v2/beacon/pool/attestations", "/eth/v2/beacon/pool/attestations", "get"],
  ["/eth/v2/beacon/pool/attester_slashings", "/eth/v2/beacon/pool/attester_slashings", "get"],
  ["/eth/v1/beacon/pool/proposer_slashings", "/eth/v1/beacon/pool/proposer_slashings", "get"],
  ["/eth/v1/beacon/pool/voluntary_exits", "/eth/v1/beacon/pool/voluntary_exits", "get"],
  ["/eth/v1/validator/duties/attester/{epoch}", "/eth/v1/validator/duties/attester/2", "post", ["1", "2"]],
  ["/eth/v1/validator/duties/proposer/{epoch}", "/eth/v1/validator/duties/proposer/2", "get"],
  ["/eth/v1/validator/duties/sync/{epoch}", "/eth/v1/validator/duties/sync/2", "post", ["3"]],
  ["/eth/v3/validator/blocks/{slot}", `/eth/v3/validator/blocks/9?randao_reveal=${reveal}`, "get"],
  ["/eth/v1/validator/attestation_data", "/eth/v1/validator/attestation_data?slot=3&committee_index=1", "get"],
  ["/eth/v2/validator/aggregate_attestation", `/eth/v2/validator/aggregate_attestation?attestation_data_root=${root}&slot=3&committee_index=0`, "get"],
  [
    "/eth/v1/validator/sync_committee_contribution",
    `/eth/v1/validator/sync_committee_contribution?slot=3&subcommittee_index=1&beacon_block_root=${root}`,
    "get",
  ],
  ["/eth/v1/validator/liveness/{epoch}", "/eth/v1/validator/liveness/2", "post", ["1", "2"]],
  ["/eth/v1/config/fork_schedule", "/eth/v1/config/fork_schedule", "get"],
  ["/eth/v1/config/deposit_contract", "/eth/v1/config/deposit_contract", "get"],
  ["/eth/v1/config/spec", "/eth/v1/config/spec", "get"],
];

describe("responses and request bodies against the OpenAPI schemas", function () {
  this.timeout(20_000);
  let t: TestContext;
  before(async function () {
    if (!existsSync(OAPI_DIR)) this.skip();
    t = await startTestServer();
  });
  after(async () => t?.server.close());

  for (const [specPath, path, method, body] of RESPONSES) {
    it(`${method.toUpperCase()} ${specPath}${path.includes("?") ? " (with query)" : ""}${path.endsWith("/5") ? " (phase0)" : ""}`, async () => {
      const init = body === undefined ? {} : {method: "POST", headers: {"content-type": "application/json"}, body: JSON.stringify(body)};
      const res = await getJson(`${t.url}${path}`, init);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(validate(routeSchema(specPath, method, "200"), res.body), null);
    });
  }

  it("the checker itself rejects a wrong shape", () => {
    const schema = routeSchema("/eth/v1/beacon/genesis", "get", "200");
    const good = {data: {genesis_time: "1", genesis_validators_root: root, genesis_fork_version: "0x00000000"}};
    assert.equal(validate(schema, good), null);
    assert.equal(validate(schema, {data: {...good.data, genesis_time: 1}}), "$.data.genesis_time: expected string, got integer");
    assert.match(validate(schema, {data: {...good.data, genesis_validators_root: "0x12"}}) ?? "", /does not match/);
  });

  it("error answers match ErrorMessage", async () => {
    const res = await getJson(`${t.url}/eth/v1/beacon/headers/genesis`);
    assert.equal(res.status, 404);
    assert.equal(validate(routeSchema("/eth/v1/beacon/headers/{block_id}", "get", "404"), res.body), null);
  });

  it("the client's request bodies match the request schemas", () => {
    const bodies: [keyof typeof beaconApiRoutes, string, Record<string, unknown>][] = [
      ["publishBlockV2", "/eth/v2/beacon/blocks", {fork: "phase0", signedBlock: phase0Block(3)}],
      [
        "publishBlockV2",
        "/eth/v2/beacon/blocks",
        {fork: "deneb", signedBlock: {signedBlock: denebBlock(3), kzgProofs: [new Uint8Array(48)], blobs: [new Uint8Array(131072)]}},
      ],
      ["submitPoolAttestationsV2", "/eth/v2/beacon/pool/attestations", {fork: "electra", attestations: [electra.SingleAttestation.defaultValue()]}],
      ["submitPoolAttestationsV2", "/eth/v2/beacon/pool/attestations", {fork: "phase0", attestations: [phase0.Attestation.defaultValue()]}],
      ["submitPoolVoluntaryExit", "/eth/v1/beacon/pool/voluntary_exits", {signedVoluntaryExit: phase0.SignedVoluntaryExit.defaultValue()}],
      [
        "prepareBeaconCommitteeSubnet",
        "/eth/v1/validator/beacon_committee_subscriptions",
        {subscriptions: [{validatorIndex: 1, committeeIndex: 2, committeesAtSlot: 3, slot: 4, isAggregator: true}]},
      ],
      ["prepareSyncCommitteeSubnets", "/eth/v1/validator/sync_committee_subscriptions", {subscriptions: [{validatorIndex: 1, syncCommitteeIndices: [3], untilEpoch: 9}]}],
      ["prepareBeaconProposer", "/eth/v1/validator/prepare_beacon_proposer", {preparations: [{validatorIndex: 1, feeRecipient: new Uint8Array(20)}]}],
    ];
    for (const [operationId, specPath, args] of bodies) {
      const req = encodeRequest(beaconApiRoutes[operationId], args, {sszBody: false, acceptSsz: false});
      const error = validate(routeSchema(specPath, "post", "requestBody"), JSON.parse(req.body as string));
      assert.equal(error, null, `${operationId} ${String(args.fork ?? "")}`);
    }
  });
});
