// EIP-2335 keystores: loading with a secrets folder or one password file, parallel decryption with
// progress lines, typed errors for bad input, lock files (a live owner refuses, a dead one is taken
// over with a warning), and import into the data directory's layout.
import {strict as assert} from "node:assert";
import {spawnSync} from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {create, defaultPbkdfModule, defaultScryptModule} from "@chainsafe/bls-keystore";
import {toHex} from "@hearth/config";
import {interopSecretKeys} from "@hearth/state-transition";
import type {Logger} from "@hearth/api";
import {KeystoreError, KeystoreErrorCode, dataDirLayout, importKeystoreFiles, loadKeystores, lockKeystore} from "../../../src/index.js";

const CHEAP_PBKDF2 = {...defaultPbkdfModule(), params: {...defaultPbkdfModule().params, c: 2}};
const CHEAP_SCRYPT = {...defaultScryptModule(), params: {...defaultScryptModule().params, n: 16}};

function recordingLogger(): {logger: Logger; lines: {level: string; msg: string; ctx?: Record<string, unknown>}[]} {
  const lines: {level: string; msg: string; ctx?: Record<string, unknown>}[] = [];
  const log = (level: string) => (msg: string, ctx?: Record<string, unknown>) => void lines.push({level, msg, ctx});
  const logger = {error: log("error"), warn: log("warn"), info: log("info"), debug: log("debug"), trace: log("trace"), child: () => logger} as unknown as Logger;
  return {logger, lines};
}

function errorCode(code: KeystoreErrorCode) {
  return (e: unknown) => e instanceof KeystoreError && e.code === code;
}

describe("keystores", function () {
  this.timeout(20_000);
  const keys = interopSecretKeys(12);
  const pubkeys = keys.map((k) => toHex(k.toPublicKey().toBytes()));
  let dir: string;
  let keystoresDir: string;
  let secretsDir: string;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-ks-"));
    keystoresDir = path.join(dir, "keystores");
    secretsDir = path.join(dir, "secrets");
    fs.mkdirSync(keystoresDir);
    fs.mkdirSync(secretsDir);
    await Promise.all(
      keys.map(async (sk, i) => {
        // half pbkdf2, half scrypt; half folder-per-key, half flat files as the deposit CLI writes them
        const ks = await create(`pw-${i}`, sk.toBytes(), sk.toPublicKey().toBytes(), `m/12381/3600/${i}/0/0`, "", i % 2 ? CHEAP_SCRYPT : CHEAP_PBKDF2);
        const file = i < 6 ? path.join(keystoresDir, pubkeys[i], "voting-keystore.json") : path.join(keystoresDir, `keystore-m_12381_3600_${i}_0_0.json`);
        fs.mkdirSync(path.dirname(file), {recursive: true});
        fs.writeFileSync(file, JSON.stringify(ks));
        fs.writeFileSync(path.join(secretsDir, pubkeys[i]), `pw-${i}\n`);
      }),
    );
  });
  afterEach(() => fs.rmSync(dir, {recursive: true, force: true}));

  it("loads every keystore with its password file, on 2 threads, with progress lines", async () => {
    const {logger, lines} = recordingLogger();
    const loaded = await loadKeystores({keystoresDir, passwords: {secretsDir}, logger, threads: 2, progressIntervalMs: 0});
    assert.deepEqual(loaded.map((k) => k.pubkey).sort(), [...pubkeys].sort());
    for (const k of loaded) assert.equal(toHex(k.secretKey.toPublicKey().toBytes()), k.pubkey);
    const progress = lines.filter((l) => l.msg === "Decrypting keystores" && l.ctx?.done !== undefined);
    assert.ok(progress.length >= 5, `progress lines: ${progress.length}`);
    assert.deepEqual(lines.find((l) => l.msg === "Keystores decrypted")?.ctx?.keystores, 12);
    for (const k of loaded) k.lock.release();
    assert.equal(fs.readdirSync(path.join(keystoresDir, pubkeys[0])).length, 1, "lock removed on release");
  });

  it("refuses a wrong password, a missing password file and a malformed keystore, with typed errors", async () => {
    fs.writeFileSync(path.join(secretsDir, pubkeys[3]), "not-it");
    await assert.rejects(loadKeystores({keystoresDir, passwords: {secretsDir}}), errorCode(KeystoreErrorCode.WRONG_PASSWORD));
    // no lock is left behind by the failed start
    assert.equal(fs.readdirSync(keystoresDir, {recursive: true}).filter((f) => String(f).endsWith(".lock")).length, 0);
    fs.rmSync(path.join(secretsDir, pubkeys[3]));
    await assert.rejects(loadKeystores({keystoresDir, passwords: {secretsDir}}), errorCode(KeystoreErrorCode.NO_PASSWORD));
    fs.writeFileSync(path.join(secretsDir, pubkeys[3]), "pw-3");
    fs.writeFileSync(path.join(keystoresDir, "broken.json"), '{"version": 4, "crypto": 1}');
    await assert.rejects(loadKeystores({keystoresDir, passwords: {secretsDir}}), errorCode(KeystoreErrorCode.INVALID_KEYSTORE));
  });

  it("opens every keystore with one --passwordFile", async () => {
    const single = path.join(dir, "single");
    fs.mkdirSync(single);
    const ks = await create("shared", keys[0].toBytes(), keys[0].toPublicKey().toBytes(), "", "", CHEAP_PBKDF2);
    fs.writeFileSync(path.join(single, "k.json"), JSON.stringify(ks));
    fs.writeFileSync(path.join(dir, "password.txt"), "shared\n");
    const loaded = await loadKeystores({keystoresDir: single, passwords: {passwordFile: path.join(dir, "password.txt")}});
    assert.deepEqual(loaded.map((k) => k.pubkey), [pubkeys[0]]);
    loaded[0].lock.release();
  });

  it("refuses a key locked by a live process, and takes over a stale lock with a warning", async () => {
    const first = await loadKeystores({keystoresDir, passwords: {secretsDir}});
    await assert.rejects(loadKeystores({keystoresDir, passwords: {secretsDir}}), errorCode(KeystoreErrorCode.LOCKED));
    for (const k of first) k.lock.release();

    // a lock whose pid has exited: the pid of a child that already ended
    const deadPid = spawnSync(process.execPath, ["-e", "0"]).pid as number;
    const file = path.join(keystoresDir, pubkeys[0], "voting-keystore.json");
    fs.writeFileSync(`${file}.lock`, String(deadPid));
    const {logger, lines} = recordingLogger();
    const lock = lockKeystore(file, logger);
    assert.equal(fs.readFileSync(`${file}.lock`, "utf8").split(" ")[0], String(process.pid));
    const warning = lines.find((l) => l.level === "warn");
    assert.equal(warning?.msg, "Stale keystore lock from a process that is gone, taking it over");
    assert.equal(warning?.ctx?.pid, deadPid);
    lock.release();
    assert.equal(fs.existsSync(`${file}.lock`), false);
  });

  it("sees a reused pid as a stale lock: our own pid after a restart, another process's with another start time or boot", async () => {
    const file = path.join(keystoresDir, pubkeys[1], "voting-keystore.json");
    const lockFile = `${file}.lock`;
    const bootId = fs.readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
    const parentStart = fs.readFileSync(`/proc/${process.ppid}/stat`, "utf8").split(") ")[1].split(" ")[19];
    const cases = [
      // a container restart hands the crashed client's pid to the new one: the lock names us, but we never took it
      String(process.pid),
      `${process.pid} ${bootId} 1`,
      // the pid now belongs to another live process, started after the lock was written
      `${process.ppid} ${bootId} 1`,
      // a lock written before a reboot
      `${process.ppid} not-this-boot ${parentStart}`,
    ];
    for (const content of cases) {
      fs.writeFileSync(lockFile, content);
      const {logger, lines} = recordingLogger();
      const lock = lockKeystore(file, logger);
      assert.equal(lines.filter((l) => l.level === "warn").length, 1, content);
      // and now that we hold it, a second take in this process is refused
      assert.throws(() => lockKeystore(file), errorCode(KeystoreErrorCode.LOCKED));
      lock.release();
      assert.equal(fs.existsSync(lockFile), false);
    }
    // the parent's lock, written by it in this boot, is live
    fs.writeFileSync(lockFile, `${process.ppid} ${bootId} ${parentStart}`);
    assert.throws(() => lockKeystore(file), errorCode(KeystoreErrorCode.LOCKED));
    fs.rmSync(lockFile);
  });

  it("imports a folder into the data directory layout, once", async () => {
    const source = path.join(dir, "to-import");
    fs.mkdirSync(source);
    for (const i of [0, 1]) {
      const ks = await create("import-pw", keys[i].toBytes(), keys[i].toPublicKey().toBytes(), "", "", CHEAP_PBKDF2);
      fs.writeFileSync(path.join(source, `k${i}.json`), JSON.stringify(ks));
    }
    const dirs = dataDirLayout(path.join(dir, "data"));
    const results = await importKeystoreFiles({source, password: "import-pw", dirs});
    assert.deepEqual(results.map((r) => [r.pubkey, r.status]).sort(), [[pubkeys[0], "imported"], [pubkeys[1], "imported"]].sort());
    assert.equal(fs.readFileSync(path.join(dirs.secretsDir, pubkeys[1]), "utf8"), "import-pw");
    const loaded = await loadKeystores({keystoresDir: dirs.keystoresDir, passwords: {secretsDir: dirs.secretsDir}});
    assert.equal(loaded.length, 2);
    for (const k of loaded) k.lock.release();
    const again = await importKeystoreFiles({source, password: "import-pw", dirs});
    assert.deepEqual(again.map((r) => r.status), ["duplicate", "duplicate"]);
    const wrong = await importKeystoreFiles({source: path.join(source, "k0.json"), password: "nope", dirs: dataDirLayout(path.join(dir, "data2"))});
    assert.equal(wrong[0].status, "error");
  });
});
