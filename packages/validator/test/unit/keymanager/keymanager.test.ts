// The Keymanager API over HTTP: the token guards every route (401), responses conform to the
// keymanager-APIs yaml (ajv, through @hearth/api's OpenAPI loader), and keys go import → list →
// delete with their slashing-protection history in and out.
import {strict as assert} from "node:assert";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {create, defaultPbkdfModule} from "@chainsafe/bls-keystore";
import {loadOpenApiSpec, type OpenApiSpec} from "@hearth/api";
import {verify} from "@hearth/bls";
import {computeSigningRoot, toHex, type BeaconConfig} from "@hearth/config";
import {DOMAIN_VOLUNTARY_EXIT} from "@hearth/params";
import {interopSecretKeys} from "@hearth/state-transition";
import {phase0} from "@hearth/types";
import {
  ProposerSettings,
  SlashingProtection,
  ValidatorKeys,
  createKeymanagerServer,
  type KeymanagerServer,
} from "../../../src/index.js";
import {configAtGenesis} from "../helpers/chain.js";
import {createBeaconConfig} from "@hearth/config";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../../..");
const SHARED = process.env.HEARTH_SHARED ?? path.resolve(REPO_ROOT, "../shared");
const TOKEN = "ab".repeat(32);
const CHEAP_KDF = {...defaultPbkdfModule(), params: {...defaultPbkdfModule().params, c: 2}};

describe("keymanager API", function () {
  this.timeout(20_000);
  let spec: OpenApiSpec;
  let dir: string;
  let server: KeymanagerServer;
  let url: string;
  let protection: SlashingProtection;
  let config: BeaconConfig;
  const added: string[] = [];
  const removed: string[] = [];
  const [sk0, sk1] = interopSecretKeys(2);
  const pk0 = toHex(sk0.toPublicKey().toBytes());
  const pk1 = toHex(sk1.toPublicKey().toBytes());

  before(async () => {
    spec = loadOpenApiSpec(path.join(SHARED, "apis/keymanager-APIs/keymanager-oapi.yaml"));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-km-"));
    config = createBeaconConfig(configAtGenesis("fulu"), new Uint8Array(32).fill(7));
    protection = await SlashingProtection.open({dbDir: path.join(dir, "sp")});
    const keys = new ValidatorKeys({
      dirs: {keystoresDir: path.join(dir, "keystores"), secretsDir: path.join(dir, "secrets")},
      remoteKeysFile: path.join(dir, "remote-keys.json"),
      guards: {slashingProtection: protection},
      remoteSignFn: () => async () => new Uint8Array(96),
    });
    keys.attach({
      config,
      addSigner: (s) => (added.push(toHex(s.pubkey)), true),
      removeSigner: (p) => (removed.push(toHex(p)), true),
    });
    server = createKeymanagerServer({
      keys,
      settings: new ProposerSettings(null, {feeRecipient: "0x" + "11".repeat(20), gasLimit: 30_000_000, graffiti: "hearth"}),
      token: TOKEN,
      slashingProtection: protection,
      getConfig: () => config,
      beacon: {
        getGenesis: async () => ({status: 200, meta: {}, data: {genesisTime: Math.floor(Date.now() / 1000) - 3600, genesisValidatorsRoot: config.genesisValidatorsRoot, genesisForkVersion: new Uint8Array(4)}}),
        postStateValidators: (async () => ({status: 200, meta: {}, data: [{index: 5}]})) as never,
      },
      port: 0,
    });
    url = (await server.listen()).url;
  });
  after(async () => {
    await server.close();
    await protection.close();
    fs.rmSync(dir, {recursive: true, force: true});
  });

  async function call(method: string, p: string, body?: unknown, token: string | null = TOKEN): Promise<{status: number; json: unknown}> {
    const headers: Record<string, string> = {};
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(url + p, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
    const text = await res.text();
    return {status: res.status, json: text === "" ? undefined : JSON.parse(text)};
  }
  function conforms(operationId: string, res: {status: number; json: unknown}): void {
    assert.equal(spec.validateResponse(operationId, res.status, res.json), null, `${operationId} ${res.status} ${JSON.stringify(res.json).slice(0, 300)}`);
  }

  it("answers 401 without the token and with a wrong one, on every kind of route", async () => {
    for (const [method, p, op] of [
      ["GET", "/eth/v1/keystores", "listKeys"],
      ["DELETE", "/eth/v1/keystores", "deleteKeys"],
      ["GET", "/eth/v1/remotekeys", "listRemoteKeys"],
      ["GET", `/eth/v1/validator/${pk0}/feerecipient`, "listFeeRecipient"],
      ["POST", `/eth/v1/validator/${pk0}/voluntary_exit`, "signVoluntaryExit"],
    ] as const) {
      for (const token of [null, "cd".repeat(32), TOKEN.slice(0, 10)]) {
        const res = await call(method, p, method === "DELETE" ? {pubkeys: [pk0]} : undefined, token);
        assert.equal(res.status, 401, `${method} ${p} with ${token === null ? "no token" : "a wrong token"}`);
        conforms(op, res);
      }
    }
  });

  it("imports with slashing protection, lists, sets per-key settings, signs an exit, deletes with the export", async () => {
    const keystore0 = JSON.stringify(await create("pw-0", sk0.toBytes(), sk0.toPublicKey().toBytes(), "m/12381/3600/0/0/0", "", CHEAP_KDF));
    const keystore1 = JSON.stringify(await create("pw-1", sk1.toBytes(), sk1.toPublicKey().toBytes(), "m/12381/3600/1/0/0", "", CHEAP_KDF));
    const gvr = toHex(config.genesisValidatorsRoot);
    const interchange = {
      metadata: {interchange_format_version: "5", genesis_validators_root: gvr},
      data: [{pubkey: pk0, signed_blocks: [{slot: "100"}], signed_attestations: [{source_epoch: "3", target_epoch: "4"}]}],
    };
    const imported = await call("POST", "/eth/v1/keystores", {keystores: [keystore0, keystore1, "{not a keystore"], passwords: ["pw-0", "wrong", "x"], slashing_protection: JSON.stringify(interchange)});
    assert.equal(imported.status, 200);
    conforms("importKeystores", imported);
    const statuses = (imported.json as {data: {status: string}[]}).data.map((d) => d.status);
    assert.deepEqual(statuses, ["imported", "error", "error"]);
    assert.deepEqual(added, [pk0]);
    assert.ok(fs.existsSync(path.join(dir, "keystores", pk0, "voting-keystore.json")));
    assert.equal(fs.readFileSync(path.join(dir, "secrets", pk0), "utf8"), "pw-0");
    assert.equal((await protection.getBlockRecord(sk0.toPublicKey().toBytes()))?.slot, 100);

    const again = await call("POST", "/eth/v1/keystores", {keystores: [keystore0], passwords: ["pw-0"]});
    assert.deepEqual((again.json as {data: {status: string}[]}).data.map((d) => d.status), ["duplicate"]);

    const list = await call("GET", "/eth/v1/keystores");
    conforms("listKeys", list);
    assert.deepEqual(list.json, {data: [{validating_pubkey: pk0, derivation_path: "m/12381/3600/0/0/0", readonly: false}]});

    // per-key settings: the default until set, the set value after, the default again after delete
    let fee = await call("GET", `/eth/v1/validator/${pk0}/feerecipient`);
    conforms("listFeeRecipient", fee);
    assert.equal((fee.json as {data: {ethaddress: string}}).data.ethaddress, "0x" + "11".repeat(20));
    assert.equal((await call("POST", `/eth/v1/validator/${pk0}/feerecipient`, {ethaddress: "0x" + "2A".repeat(20)})).status, 202);
    fee = await call("GET", `/eth/v1/validator/${pk0}/feerecipient`);
    assert.equal((fee.json as {data: {ethaddress: string}}).data.ethaddress, "0x" + "2a".repeat(20));
    assert.equal((await call("POST", `/eth/v1/validator/${pk0}/feerecipient`, {ethaddress: "0x1234"})).status, 400);
    assert.equal((await call("POST", `/eth/v1/validator/${pk0}/gas_limit`, {gas_limit: "36000000"})).status, 202);
    const gas = await call("GET", `/eth/v1/validator/${pk0}/gas_limit`);
    conforms("getGasLimit", gas);
    assert.equal((gas.json as {data: {gas_limit: string}}).data.gas_limit, "36000000");
    assert.equal((await call("DELETE", `/eth/v1/validator/${pk0}/gas_limit`)).status, 204);
    assert.equal(((await call("GET", `/eth/v1/validator/${pk0}/gas_limit`)).json as {data: {gas_limit: string}}).data.gas_limit, "30000000");
    assert.equal((await call("POST", `/eth/v1/validator/${pk0}/graffiti`, {graffiti: "x".repeat(33)})).status, 400);
    assert.equal((await call("POST", `/eth/v1/validator/${pk0}/graffiti`, {graffiti: "mine"})).status, 202);
    const graffiti = await call("GET", `/eth/v1/validator/${pk0}/graffiti`);
    conforms("getGraffiti", graffiti);
    assert.equal((graffiti.json as {data: {graffiti: string}}).data.graffiti, "mine");
    const unknown = await call("GET", `/eth/v1/validator/${pk1}/graffiti`);
    assert.equal(unknown.status, 404);
    conforms("getGraffiti", unknown);

    // voluntary exit at epoch 9 for validator index 5 (the fake node's answer), EIP-7044 domain
    const exit = await call("POST", `/eth/v1/validator/${pk0}/voluntary_exit?epoch=9`);
    conforms("signVoluntaryExit", exit);
    const signed = (exit.json as {data: {message: {epoch: string; validator_index: string}; signature: string}}).data;
    assert.deepEqual(signed.message, {epoch: "9", validator_index: "5"});
    const root = computeSigningRoot(phase0.VoluntaryExit, {epoch: 9, validatorIndex: 5}, config.getDomainAtFork(DOMAIN_VOLUNTARY_EXIT, "capella"));
    assert.ok(verify(sk0.toPublicKey().toBytes(), root, Buffer.from(signed.signature.slice(2), "hex")));

    const deleted = await call("DELETE", "/eth/v1/keystores", {pubkeys: [pk0, pk1]});
    conforms("deleteKeys", deleted);
    const body = deleted.json as {data: {status: string}[]; slashing_protection: string};
    assert.deepEqual(body.data.map((d) => d.status), ["deleted", "not_found"]);
    const exported = JSON.parse(body.slashing_protection) as {metadata: {genesis_validators_root: string}; data: {pubkey: string; signed_blocks: {slot: string}[]}[]};
    assert.equal(exported.metadata.genesis_validators_root, gvr);
    assert.deepEqual(exported.data.map((d) => [d.pubkey, d.signed_blocks[0]?.slot]), [[pk0, "100"]]);
    assert.deepEqual(removed, [pk0]);
    assert.equal(fs.existsSync(path.join(dir, "keystores", pk0)), false);
    assert.deepEqual(((await call("GET", "/eth/v1/keystores")).json as {data: unknown[]}).data, []);
    // once more: the key is gone but its history is kept and returned
    const twice = await call("DELETE", "/eth/v1/keystores", {pubkeys: [pk0]});
    assert.deepEqual((twice.json as {data: {status: string}[]}).data.map((d) => d.status), ["not_active"]);

    const bad = await call("DELETE", "/eth/v1/keystores", {pubkeys: ["0x12"]});
    assert.equal(bad.status, 400);
    conforms("deleteKeys", bad);
  });

  it("imports, lists and deletes remote keys", async () => {
    const imported = await call("POST", "/eth/v1/remotekeys", {remote_keys: [{pubkey: pk1, url: "http://127.0.0.1:9000"}]});
    conforms("importRemoteKeys", imported);
    assert.deepEqual((imported.json as {data: {status: string}[]}).data.map((d) => d.status), ["imported"]);
    const list = await call("GET", "/eth/v1/remotekeys");
    conforms("listRemoteKeys", list);
    assert.deepEqual(list.json, {data: [{pubkey: pk1, url: "http://127.0.0.1:9000", readonly: false}]});
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, "remote-keys.json"), "utf8")), [{pubkey: pk1, url: "http://127.0.0.1:9000"}]);
    const deleted = await call("DELETE", "/eth/v1/remotekeys", {pubkeys: [pk1, pk0]});
    conforms("deleteRemoteKeys", deleted);
    assert.deepEqual((deleted.json as {data: {status: string}[]}).data.map((d) => d.status), ["deleted", "not_found"]);
  });
});
