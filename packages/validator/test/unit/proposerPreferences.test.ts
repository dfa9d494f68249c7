// Per-key proposer settings reach the duties: a fee recipient, graffiti or gas limit set through the
// keymanager API for one key is what that key's prepare_beacon_proposer entry, block and builder
// registration carry; every other key keeps the process-wide default.
import {strict as assert} from "node:assert";
import {DOMAIN_APPLICATION_BUILDER} from "@hearth/params";
import {computeDomain, computeSigningRoot, toHex} from "@hearth/config";
import {verify} from "@hearth/bls";
import {ValidatorRegistration, type SignedValidatorRegistration} from "@hearth/api";
import {interopSecretKeys} from "@hearth/state-transition";
import {
  BlockProposalService,
  DEFAULT_GAS_LIMIT,
  DutiesService,
  ProposerSettings,
  SlashingProtection,
  ValidatorKeys,
  ValidatorStore,
  createKeymanagerServer,
  createLocalSigner,
} from "../../src/index.js";
import {TestChain} from "./helpers/chain.js";
import {FakeNode, signedBlockOf} from "./helpers/fakeNode.js";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const VALIDATORS = 16;
const TOKEN = "cd".repeat(32);
const DEFAULT_FEE_RECIPIENT = "0x" + "11".repeat(20);
const OWN_FEE_RECIPIENT = "0x" + "ab".repeat(20);

describe("per-key proposer settings in the duties", function () {
  this.timeout(30_000);
  const secretKeys = interopSecretKeys(VALIDATORS);
  let chain: TestChain;
  let dir: string;
  let protection: SlashingProtection;

  before(async () => {
    chain = new TestChain("deneb", VALIDATORS);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-prefs-"));
    protection = await SlashingProtection.open({dbDir: path.join(dir, "sp")});
  });
  after(async () => {
    await protection.close();
    fs.rmSync(dir, {recursive: true, force: true});
  });

  it("a fee recipient, graffiti and gas limit set through the keymanager are the key's own in prepareBeaconProposer, its block and its registration", async () => {
    const proposer = chain.proposerAt(1);
    const proposerPubkey = toHex(secretKeys[proposer].toPublicKey().toBytes());
    const settings = new ProposerSettings(path.join(dir, "proposer-settings.json"), {feeRecipient: DEFAULT_FEE_RECIPIENT, gasLimit: DEFAULT_GAS_LIMIT, graffiti: "default"});
    const keys = new ValidatorKeys({dirs: {keystoresDir: path.join(dir, "ks"), secretsDir: path.join(dir, "sec")}, remoteKeysFile: null, guards: {slashingProtection: protection}});
    keys.addRemote(proposerPubkey, "http://127.0.0.1:1");
    const server = createKeymanagerServer({keys, settings, token: TOKEN, slashingProtection: protection, getConfig: () => chain.config, beacon: {} as never});
    const post = (route: string, body: unknown) =>
      server.app.inject({method: "POST", url: `/eth/v1/validator/${proposerPubkey}/${route}`, headers: {authorization: `Bearer ${TOKEN}`}, payload: body as object});
    assert.equal((await post("feerecipient", {ethaddress: OWN_FEE_RECIPIENT})).statusCode, 202);
    assert.equal((await post("graffiti", {graffiti: "my own graffiti"})).statusCode, 202);
    assert.equal((await post("gas_limit", {gas_limit: "36000000"})).statusCode, 202);
    await server.close();

    const node = new FakeNode(chain);
    const store = new ValidatorStore(secretKeys.map((sk) => createLocalSigner(sk, chain.config, {slashingProtection: protection})));
    const preferences = settings.asPreferences();
    const duties = new DutiesService({api: node.api, store, config: chain.config, preferences, builderRegistrations: true});
    await duties.ensureEpoch(0);

    // prepare_beacon_proposer: the key's own address, the default for every other key
    const [{preparations}] = node.callsOf("prepareBeaconProposer") as {preparations: {validatorIndex: number; feeRecipient: Uint8Array}[]}[];
    assert.equal(preparations.length, VALIDATORS);
    for (const p of preparations) assert.equal(toHex(p.feeRecipient), p.validatorIndex === proposer ? OWN_FEE_RECIPIENT : DEFAULT_FEE_RECIPIENT, `validator ${p.validatorIndex}`);

    // the block the key proposes carries its graffiti
    const blocks = new BlockProposalService({api: node.api, preferences});
    const [duty] = duties.proposersAt(1);
    assert.equal(duty.validatorIndex, proposer);
    await blocks.propose(duty);
    const [{signedBlock}] = node.callsOf("publishBlockV2") as {signedBlock: never}[];
    const graffiti = new TextDecoder().decode(signedBlockOf(signedBlock).message.body.graffiti).replace(/\0+$/, "");
    assert.equal(graffiti, "my own graffiti");

    // register_validator: its fee recipient and gas limit, signed with the builder domain
    const [{registrations}] = node.callsOf("registerValidator") as {registrations: SignedValidatorRegistration[]}[];
    assert.equal(registrations.length, VALIDATORS);
    const own = registrations.find((r) => toHex(r.message.pubkey) === proposerPubkey) as SignedValidatorRegistration;
    assert.equal(toHex(own.message.feeRecipient), OWN_FEE_RECIPIENT);
    assert.equal(own.message.gasLimit, 36_000_000);
    assert.ok(registrations.filter((r) => r !== own).every((r) => r.message.gasLimit === DEFAULT_GAS_LIMIT && toHex(r.message.feeRecipient) === DEFAULT_FEE_RECIPIENT));
    const domain = computeDomain(DOMAIN_APPLICATION_BUILDER, chain.config.chain.GENESIS_FORK_VERSION);
    assert.equal(verify(own.message.pubkey, computeSigningRoot(ValidatorRegistration, own.message, domain), own.signature), true);

    // the next epoch sends the same signed registration again; a changed gas limit is signed anew
    settings.set(proposerPubkey, {gasLimit: 40_000_000});
    await duties.ensureEpoch(1);
    const second = (node.callsOf("registerValidator")[1].registrations as SignedValidatorRegistration[]).find((r) => toHex(r.message.pubkey) === proposerPubkey);
    assert.equal(second?.message.gasLimit, 40_000_000);
    const other = (node.callsOf("registerValidator")[1].registrations as SignedValidatorRegistration[]).find((r) => r.message.pubkey !== own.message.pubkey);
    assert.ok(registrations.includes(other as SignedValidatorRegistration), "an unchanged registration is not re-signed");

    // the settings survive a restart, and a hand-broken entry costs only that entry
    const file = path.join(dir, "proposer-settings.json");
    const saved = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
    fs.writeFileSync(file, JSON.stringify({...saved, ["0x" + "99".repeat(48)]: {feeRecipient: "not an address"}}));
    const reloaded = new ProposerSettings(file, {feeRecipient: null, gasLimit: DEFAULT_GAS_LIMIT, graffiti: ""});
    assert.equal(reloaded.feeRecipient(proposerPubkey), OWN_FEE_RECIPIENT);
    assert.equal(reloaded.feeRecipient("0x" + "99".repeat(48)), null);
  });

  it("without any fee recipient, prepare_beacon_proposer is not called (the node's default holds)", async () => {
    const node = new FakeNode(chain);
    const store = new ValidatorStore(secretKeys.map((sk) => createLocalSigner(sk, chain.config)));
    const duties = new DutiesService({api: node.api, store, config: chain.config});
    await duties.ensureEpoch(0);
    assert.equal(node.callsOf("getProposerDuties").length, 1);
    assert.equal(node.callsOf("prepareBeaconProposer").length, 0);
    assert.equal(node.callsOf("registerValidator").length, 0);
  });
});
