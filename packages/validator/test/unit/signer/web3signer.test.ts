// The Web3Signer remote signer against a small fastify fake of Web3Signer that rebuilds the signing
// root from the request body (as the real one does), signs it with a local key, and answers.
import {strict as assert} from "node:assert";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import Fastify, {type FastifyInstance} from "fastify";
import {ValidatorRegistration} from "@hearth/api";
import {DOMAIN_APPLICATION_BUILDER, DOMAIN_BEACON_ATTESTER, DOMAIN_BEACON_PROPOSER, DOMAIN_RANDAO, SLOTS_PER_EPOCH} from "@hearth/params";
import {bytesEqual, computeDomain, computeSigningRoot, createBeaconConfig, fromHex, toHex} from "@hearth/config";
import {SecretKey, verify} from "@hearth/bls";
import {electra, phase0, ssz} from "@hearth/types";
import type {BeaconBlockAllForks} from "@hearth/state-transition";
import {
  RemoteSignerError,
  RemoteSignerErrorCode,
  SlashingProtection,
  SlashingProtectionError,
  SlashingProtectionErrorCode,
  computeMessageSigningRoot,
  createRemoteSigner,
  listWeb3SignerKeys,
} from "../../../src/index.js";
import {configAtGenesis} from "../helpers/chain.js";

const GVR = new Uint8Array(32).fill(5);
const config = createBeaconConfig(configAtGenesis("electra"), GVR);
const sk = SecretKey.fromKeygen(new Uint8Array(32).fill(21));
const pubkey = sk.toPublicKey().toBytes();
const wrongKey = SecretKey.fromKeygen(new Uint8Array(32).fill(22));

interface SignBody {
  type: string;
  fork_info: {fork: {previous_version: string; current_version: string; epoch: string}; genesis_validators_root: string};
  signingRoot: string;
  [k: string]: unknown;
}

/** The signing root a Web3Signer computes from the body, independent of the signingRoot field. */
function rootFromBody(body: SignBody): Uint8Array {
  if (body.type === "VALIDATOR_REGISTRATION") {
    // builder-specs: genesis fork version, zero genesis validators root, no fork_info
    assert.equal(body.fork_info, undefined);
    const registration = ValidatorRegistration.fromJson(body.validator_registration);
    return computeSigningRoot(ValidatorRegistration, registration, computeDomain(DOMAIN_APPLICATION_BUILDER, config.chain.GENESIS_FORK_VERSION));
  }
  const gvr = fromHex(body.fork_info.genesis_validators_root);
  const fork = phase0.Fork.fromJson(body.fork_info.fork);
  const domain = (type: Uint8Array, epoch: number): Uint8Array => computeDomain(type, epoch < fork.epoch ? fork.previousVersion : fork.currentVersion, gvr);
  switch (body.type) {
    case "ATTESTATION": {
      const data = phase0.AttestationData.fromJson(body.attestation);
      return computeSigningRoot(phase0.AttestationData, data, domain(DOMAIN_BEACON_ATTESTER, data.target.epoch));
    }
    case "RANDAO_REVEAL": {
      const epoch = Number((body.randao_reveal as {epoch: string}).epoch);
      return computeSigningRoot(ssz.Epoch, epoch, domain(DOMAIN_RANDAO, epoch));
    }
    case "BLOCK_V2": {
      const bb = body.beacon_block as {version: string; block_header: unknown};
      assert.equal(bb.version, "ELECTRA");
      const header = phase0.BeaconBlockHeader.fromJson(bb.block_header);
      return computeSigningRoot(phase0.BeaconBlockHeader, header, domain(DOMAIN_BEACON_PROPOSER, Math.floor(header.slot / SLOTS_PER_EPOCH)));
    }
    default:
      throw new Error(`type ${body.type} not in this fake`);
  }
}

describe("Web3Signer remote signer (fastify fake)", function () {
  this.timeout(10_000);
  let app: FastifyInstance;
  let url: string;
  let signCalls: SignBody[];
  let signWith: SecretKey;
  let dir: string;
  let protection: SlashingProtection;

  before(async () => {
    app = Fastify({logger: false});
    app.get("/api/v1/eth2/publicKeys", async () => [toHex(pubkey)]);
    app.post<{Params: {identifier: string}; Body: SignBody}>("/api/v1/eth2/sign/:identifier", async (req, reply) => {
      if (req.params.identifier !== toHex(pubkey)) return reply.code(404).send({error: "Public Key not found"});
      const body = req.body;
      signCalls.push(body);
      const root = rootFromBody(body);
      if (!bytesEqual(root, fromHex(body.signingRoot))) return reply.code(400).send({error: "signingRoot does not match the body"});
      return {signature: toHex(signWith.sign(root).toBytes())};
    });
    url = await app.listen({host: "127.0.0.1", port: 0});
    dir = mkdtempSync(join(tmpdir(), "hearth-web3signer-"));
    protection = await SlashingProtection.open({dbDir: dir});
  });
  after(async () => {
    await app.close();
    await protection.close();
    rmSync(dir, {recursive: true, force: true});
  });
  beforeEach(() => {
    signCalls = [];
    signWith = sk;
  });

  it("lists the remote keys (GET /api/v1/eth2/publicKeys)", async () => {
    const keys = await listWeb3SignerKeys({url});
    assert.deepEqual(keys.map((k) => toHex(k)), [toHex(pubkey)]);
  });

  it("signs an attestation, a RANDAO reveal and an electra block; each verifies against our signing root", async () => {
    const signer = createRemoteSigner(pubkey, config, {url}, {slashingProtection: protection});
    const data: phase0.AttestationData = {...phase0.AttestationData.defaultValue(), slot: 40, source: {epoch: 4, root: new Uint8Array(32)}, target: {epoch: 5, root: new Uint8Array(32).fill(1)}};
    const att = await signer.signAttestation(data);
    assert.ok(verify(pubkey, computeMessageSigningRoot(config, {type: "attestation", data}), att));

    const randao = await signer.signRandao(5);
    assert.ok(verify(pubkey, computeMessageSigningRoot(config, {type: "randao", epoch: 5}), randao));

    const block = {...electra.BeaconBlock.defaultValue(), slot: 41, proposerIndex: 3} as BeaconBlockAllForks;
    const sig = await signer.signBlock("electra", block);
    assert.ok(verify(pubkey, computeMessageSigningRoot(config, {type: "block", fork: "electra", block}), sig));

    assert.deepEqual(signCalls.map((c) => c.type), ["ATTESTATION", "RANDAO_REVEAL", "BLOCK_V2"]);
    assert.equal(signCalls[0].fork_info.genesis_validators_root, toHex(GVR));
    assert.equal(signCalls[0].fork_info.fork.current_version, toHex(config.forks.electra.version));
  });

  it("signs a builder registration (VALIDATOR_REGISTRATION) without touching slashing protection, and not while doppelganger holds the key", async () => {
    const registration = {feeRecipient: new Uint8Array(20).fill(0xab), gasLimit: 36_000_000, timestamp: 1_700_000_000, pubkey};
    const signer = createRemoteSigner(pubkey, config, {url}, {slashingProtection: protection});
    const recordBefore = await protection.getBlockRecord(pubkey);
    const signature = await signer.signValidatorRegistration(registration);
    assert.ok(verify(pubkey, computeMessageSigningRoot(config, {type: "validatorRegistration", registration}), signature));
    assert.deepEqual(signCalls.map((c) => c.type), ["VALIDATOR_REGISTRATION"]);
    assert.deepEqual(await protection.getBlockRecord(pubkey), recordBefore);

    const held = createRemoteSigner(pubkey, config, {url}, {slashingProtection: protection, doppelganger: {assertSigningAllowed: () => {
      throw new Error("doppelganger: pending");
    }}});
    await assert.rejects(held.signValidatorRegistration(registration), /doppelganger: pending/);
    assert.equal(signCalls.length, 1, "the remote signer was not asked");
  });

  it("slashing protection refuses a second block at a slot before the remote signer is asked", async () => {
    const signer = createRemoteSigner(pubkey, config, {url}, {slashingProtection: protection});
    const block = {...electra.BeaconBlock.defaultValue(), slot: 80, proposerIndex: 3} as BeaconBlockAllForks;
    await signer.signBlock("electra", block);
    const other = {...block, proposerIndex: 4};
    await assert.rejects(
      signer.signBlock("electra", other),
      (e: unknown) => e instanceof SlashingProtectionError && e.code === SlashingProtectionErrorCode.BLOCK_SLOT_NOT_ABOVE_WATERMARK,
    );
    assert.equal(signCalls.length, 1);
  });

  it("refuses a signature by another key, an unknown key (404) and an unreachable signer", async () => {
    signWith = wrongKey;
    const signer = createRemoteSigner(pubkey, config, {url});
    await assert.rejects(signer.signRandao(7), (e: unknown) => e instanceof RemoteSignerError && e.code === RemoteSignerErrorCode.INVALID_RESPONSE);
    const unknown = createRemoteSigner(wrongKey.toPublicKey().toBytes(), config, {url});
    await assert.rejects(unknown.signRandao(7), (e: unknown) => e instanceof RemoteSignerError && e.code === RemoteSignerErrorCode.HTTP_ERROR);
    const down = createRemoteSigner(pubkey, config, {url: "http://127.0.0.1:1", timeoutMs: 1000});
    await assert.rejects(down.signRandao(7), (e: unknown) => e instanceof RemoteSignerError && e.code === RemoteSignerErrorCode.UNREACHABLE);
  });
});
