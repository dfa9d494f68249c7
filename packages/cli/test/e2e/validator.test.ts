// hearth validator as its own process, with EIP-2335 keystores of the interop keys, against a
// `hearth dev --validators 0` node that has no duties of its own: the chain must finalize. Then the
// safety cases: a second client on the same keystores folder is refused by the lock files, and a
// client with the same key elsewhere and --doppelgangerProtection stops that key and signs nothing.
import {strict as assert} from "node:assert";
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from "node:fs";
import os from "node:os";
import path from "node:path";
import {create, defaultPbkdfModule} from "@chainsafe/bls-keystore";
import {interopSecretKeys} from "@hearth/state-transition";
import {finality} from "./nodeApi.js";
import {startCli, stopAll, waitFor, type CliProcess} from "./runCli.js";

const PORT = 19_900 + Math.floor(Math.random() * 80);
const API = `http://127.0.0.1:${PORT}`;
const VALIDATORS = 64;

/** `hearth validator` runs the preset of its beacon node, the dev node's minimal. */
function start(args: string[]): CliProcess {
  return startCli(args[0] === "validator" ? [...args, "--preset", "minimal"] : args);
}

/** Cheapest KDF: the test is about the client, not about pbkdf2's cost. */
const CHEAP_KDF = {...defaultPbkdfModule(), params: {...defaultPbkdfModule().params, c: 2}};

describe("hearth validator (e2e)", function () {
  this.timeout(120_000);
  let root: string;
  const procs: CliProcess[] = [];

  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), "hearth-vc-e2e-"));
    const keystores = path.join(root, "keystores");
    const secrets = path.join(root, "secrets");
    const single = path.join(root, "doppelganger-keystores");
    for (const d of [keystores, secrets, single]) mkdirSync(d);
    const keys = interopSecretKeys(VALIDATORS);
    await Promise.all(
      keys.map(async (sk, i) => {
        const pubkey = sk.toPublicKey().toBytes();
        const hex = "0x" + Buffer.from(pubkey).toString("hex");
        const password = `password-${i}`;
        const ks = await create(password, sk.toBytes(), pubkey, `m/12381/3600/${i}/0/0`, "", CHEAP_KDF);
        mkdirSync(path.join(keystores, hex));
        writeFileSync(path.join(keystores, hex, "voting-keystore.json"), JSON.stringify(ks));
        writeFileSync(path.join(secrets, hex), `${password}\n`);
        if (i === 0) {
          // the same key, in another folder with another password, for the doppelganger case
          const copy = await create("same-key-elsewhere", sk.toBytes(), pubkey, "m/12381/3600/0/0/0", "", CHEAP_KDF);
          writeFileSync(path.join(single, "keystore-0.json"), JSON.stringify(copy));
          writeFileSync(path.join(root, "single-password.txt"), "same-key-elsewhere");
        }
      }),
    );
  });

  after(async () => {
    await stopAll(procs);
    rmSync(root, {recursive: true, force: true});
  });

  it("finalizes with keystore keys in a separate process; locks and doppelganger protection refuse the same key", async () => {
    const dev = start([
      "dev", "--validators", "0", "--secondsPerSlot", "1", "--genesisValidators", String(VALIDATORS),
      "--dataDir", path.join(root, "node"), "--rest.port", String(PORT), "--metrics", "false", "--p2p", "false",
    ]);
    procs.push(dev);
    await waitFor("the dev node's API", async () => (await fetch(`${API}/eth/v1/node/syncing`)).status === 200, [dev], 30_000);
    assert.doesNotMatch(dev.output(), /Validator duties running/, "the dev node must run no duties of its own");

    const vc = start([
      "validator", "--beaconNodes", API, "--keystoresDir", path.join(root, "keystores"), "--secretsDir", path.join(root, "secrets"),
      "--dataDir", path.join(root, "vc1"),
    ]);
    procs.push(vc);
    await waitFor("the validator client to run", () => /Validator client running/.test(vc.output()), [vc], 30_000);
    assert.match(vc.output(), new RegExp(`Keystores decrypted.*keystores=${VALIDATORS}`));

    // a second client on the same folder: every keystore is locked by a live process
    const locked = start(["validator", "--beaconNodes", API, "--keystoresDir", path.join(root, "keystores"), "--secretsDir", path.join(root, "secrets"), "--dataDir", path.join(root, "vc-locked")]);
    procs.push(locked);
    assert.notEqual(await locked.exited, 0);
    assert.match(locked.output(), /KEYSTORE_ERROR_LOCKED/);

    // the same key 0 from another folder, with doppelganger protection: it must never sign
    const twin = start([
      "validator", "--beaconNodes", API, "--keystoresDir", path.join(root, "doppelganger-keystores"), "--passwordFile", path.join(root, "single-password.txt"),
      "--dataDir", path.join(root, "vc2"), "--doppelgangerProtection",
    ]);
    procs.push(twin);

    await waitFor("finalized epoch > 0", async () => (await finality(API)).finalized > 0, [dev, vc], 100_000);
    await waitFor("the doppelganger to be detected", () => /DOPPELGANGER DETECTED/.test(twin.output()), [twin], 30_000);
    assert.doesNotMatch(twin.output(), /Published (attestations|block|sync committee messages|aggregates)/);
    assert.doesNotMatch(twin.output(), /Doppelganger protection passed/);
    assert.match(vc.output(), /Published attestations/);
  });
});
