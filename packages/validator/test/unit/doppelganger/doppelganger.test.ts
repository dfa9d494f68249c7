// Doppelganger protection against a fake beacon node (the real API server and client over HTTP)
// whose liveness answers the test controls.
import {strict as assert} from "node:assert";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {createBeaconApiClient, createBeaconApiServer, type BeaconApiServer} from "@hearth/api";
import {createBeaconConfig, getNetworkConfig} from "@hearth/config";
import {SecretKey, verify} from "@hearth/bls";
import {phase0} from "@hearth/types";
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {
  DoppelgangerError,
  DoppelgangerErrorCode,
  DoppelgangerService,
  SlashingProtection,
  computeMessageSigningRoot,
  createLocalSigner,
  type RequestSigner,
} from "../../../src/index.js";
import {recordingLogger} from "../helpers/logger.js";

const INDEX = 5;
const START_EPOCH = 10;
const config = createBeaconConfig(getNetworkConfig("minimal"), new Uint8Array(32).fill(3));
const sk = SecretKey.fromKeygen(new Uint8Array(32).fill(11));
const pubkey = sk.toPublicKey().toBytes();

function attestationData(target: number): phase0.AttestationData {
  return {...phase0.AttestationData.defaultValue(), slot: target * SLOTS_PER_EPOCH, source: {epoch: target - 1, root: new Uint8Array(32)}, target: {epoch: target, root: new Uint8Array(32)}};
}

async function rejectsWith(p: Promise<unknown>, code: DoppelgangerErrorCode): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof DoppelgangerError && e.code === code);
}

describe("doppelganger protection (fake beacon API)", function () {
  this.timeout(10_000);
  let server: BeaconApiServer;
  let dir: string;
  let protection: SlashingProtection;
  /** epoch → indices the fake node reports live */
  let live: Map<number, Set<number>>;
  let asked: {epoch: number; indices: number[]}[];
  let failing: boolean;
  let service: DoppelgangerService;
  let signer: RequestSigner;
  let logger: ReturnType<typeof recordingLogger>;
  let api: ReturnType<typeof createBeaconApiClient>;

  before(async () => {
    server = createBeaconApiServer({
      port: 0,
      implementation: {
        getLiveness: async ({epoch, indices}) => {
          if (failing) throw new Error("node down");
          asked.push({epoch, indices: [...indices]});
          return {data: indices.map((index) => ({index, isLive: live.get(epoch)?.has(index) ?? false}))};
        },
      },
    });
    const {url} = await server.listen();
    api = createBeaconApiClient({baseUrl: url});
    dir = mkdtempSync(join(tmpdir(), "hearth-doppelganger-"));
    protection = await SlashingProtection.open({dbDir: dir});
  });
  after(async () => {
    await server.close();
    await protection.close();
    rmSync(dir, {recursive: true, force: true});
  });
  beforeEach(async () => {
    live = new Map();
    asked = [];
    failing = false;
    logger = recordingLogger();
    service = new DoppelgangerService({api, logger});
    service.register(pubkey, START_EPOCH);
    signer = createLocalSigner(sk, config, {slashingProtection: protection, doppelganger: service});
  });

  const indexOf = (): number => INDEX;

  it("a key the node reports live refuses to sign, says so loudly, and records nothing", async () => {
    live.set(START_EPOCH + 1, new Set([INDEX]));
    await rejectsWith(signer.signAttestation(attestationData(20)), DoppelgangerErrorCode.PENDING);
    await service.checkEpoch(START_EPOCH + 1, indexOf);
    assert.equal(service.status(pubkey), "detected");
    assert.equal(service.isSigningAllowed(pubkey), false);
    await rejectsWith(signer.signAttestation(attestationData(20)), DoppelgangerErrorCode.DETECTED);
    await rejectsWith(signer.signRandao(20), DoppelgangerErrorCode.DETECTED);
    const errors = logger.lines.filter((l) => l.level === "error");
    assert.equal(errors.length, 1);
    assert.match(errors[0].msg, /DOPPELGANGER DETECTED/);
    assert.equal(errors[0].ctx?.validatorIndex, INDEX);
    // the start epoch is not evidence (our own previous run may have signed in it): only 11 was asked
    assert.deepEqual(asked, [{epoch: START_EPOCH + 1, indices: [INDEX]}]);
    assert.equal(await protection.getAttestationRecord(pubkey), null);

    // not live afterwards changes nothing: a detected key stays stopped
    await service.checkEpoch(START_EPOCH + 2, indexOf);
    await service.checkEpoch(START_EPOCH + 3, indexOf);
    assert.equal(service.status(pubkey), "detected");
  });

  it("live in the start epoch is ignored; not live for 2 full epochs → the key signs, and the signature verifies", async () => {
    live.set(START_EPOCH, new Set([INDEX]));
    live.set(START_EPOCH - 1, new Set([INDEX]));
    await service.checkEpoch(START_EPOCH + 1, indexOf); // epoch 11 only in progress
    assert.equal(service.status(pubkey), "pending");
    await service.checkEpoch(START_EPOCH + 2, indexOf); // 11 complete and safe: 1 of 2
    assert.equal(service.status(pubkey), "pending");
    await rejectsWith(signer.signAttestation(attestationData(20)), DoppelgangerErrorCode.PENDING);
    await service.checkEpoch(START_EPOCH + 3, indexOf); // 12 complete and safe: 2 of 2
    assert.equal(service.status(pubkey), "allowed");
    assert.deepEqual(
      asked.map((a) => a.epoch),
      [11, 11, 12, 12],
      "previous and current epochs, never the start epoch or before; none once allowed",
    );

    const data = attestationData(20);
    const signature = await signer.signAttestation(data);
    assert.ok(verify(pubkey, computeMessageSigningRoot(config, {type: "attestation", data}), signature));
    assert.deepEqual(await protection.getAttestationRecord(pubkey), {sourceEpoch: 19, targetEpoch: 20, signingRoot: computeMessageSigningRoot(config, {type: "attestation", data})});
  });

  it("an epoch the node could not answer for does not count", async () => {
    await service.checkEpoch(START_EPOCH + 1, indexOf);
    failing = true;
    await assert.rejects(service.checkEpoch(START_EPOCH + 2, indexOf));
    failing = false;
    await service.checkEpoch(START_EPOCH + 3, indexOf); // only 12 complete and answered: 1 of 2
    assert.equal(service.status(pubkey), "pending");
    await service.checkEpoch(START_EPOCH + 4, indexOf); // 13: 2 of 2
    assert.equal(service.status(pubkey), "allowed");
  });

  it("a key unknown to doppelganger protection is refused", async () => {
    const other = SecretKey.fromKeygen(new Uint8Array(32).fill(12));
    const s = createLocalSigner(other, config, {slashingProtection: protection, doppelganger: service});
    await rejectsWith(s.signRandao(1), DoppelgangerErrorCode.UNKNOWN_KEY);
  });
});
