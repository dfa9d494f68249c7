// `hearth validator` leaves its keys free when it goes: SIGTERM and SIGINT remove the keystore lock
// files and exit 0, even while it still waits for a beacon node; after kill -9 the lock is left,
// and the next start recognises it as stale (its owner is gone) and takes it over with a warning.
import {strict as assert} from "node:assert";
import {spawn} from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {create, defaultPbkdfModule} from "@chainsafe/bls-keystore";
import {interopSecretKeys} from "@hearth/state-transition";

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src/index.js");
const CHEAP_KDF = {...defaultPbkdfModule(), params: {...defaultPbkdfModule().params, c: 2}};
const PASSWORD = "shutdown-test";

/** A port with nothing listening on it: the validator waits for its beacon node there. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function lockFiles(dir: string): string[] {
  return fs.readdirSync(dir, {recursive: true}).map(String).filter((f) => f.endsWith(".lock"));
}

describe("hearth validator shutdown and keystore locks (e2e)", function () {
  this.timeout(60_000);
  let dir: string;
  let keystoresDir: string;
  let port: number;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-vc-stop-"));
    keystoresDir = path.join(dir, "keys");
    fs.mkdirSync(keystoresDir);
    for (const [i, sk] of interopSecretKeys(2).entries()) {
      const ks = await create(PASSWORD, sk.toBytes(), sk.toPublicKey().toBytes(), `m/12381/3600/${i}/0/0`, "", CHEAP_KDF);
      fs.writeFileSync(path.join(keystoresDir, `keystore-${i}.json`), JSON.stringify(ks));
    }
    fs.writeFileSync(path.join(dir, "password.txt"), PASSWORD);
    port = await closedPort();
  });
  after(() => fs.rmSync(dir, {recursive: true, force: true}));

  /** Starts the validator; resolves once it holds its locks and waits for the beacon node. */
  async function start(): Promise<{output: () => string; signal: (s: NodeJS.Signals) => Promise<number | null>}> {
    const args = [CLI, "validator", "--keystoresDir", keystoresDir, "--passwordFile", path.join(dir, "password.txt"), "--dataDir", path.join(dir, "data"), "--beaconNodes", `http://127.0.0.1:${port}`];
    const child = spawn(process.execPath, args, {stdio: ["ignore", "pipe", "pipe"]});
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.stderr.on("data", (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const deadline = Date.now() + 20_000;
    while (!out.includes("Waiting for a beacon node")) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`validator did not reach its wait:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return {output: () => out, signal: (s) => (child.kill(s), exited)};
  }

  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    it(`${signal} releases every keystore lock and exits 0`, async () => {
      const vc = await start();
      assert.equal(lockFiles(keystoresDir).length, 2);
      const code = await vc.signal(signal);
      assert.equal(code, 0, vc.output());
      assert.deepEqual(lockFiles(keystoresDir), []);
    });
  }

  it("after kill -9, the next start takes over the stale locks", async () => {
    const crashed = await start();
    assert.equal(await crashed.signal("SIGKILL"), null);
    assert.equal(lockFiles(keystoresDir).length, 2, "a crash leaves its locks");
    const next = await start();
    assert.equal((next.output().match(/Stale keystore lock/g) ?? []).length, 2, next.output());
    assert.equal(await next.signal("SIGTERM"), 0);
    assert.deepEqual(lockFiles(keystoresDir), []);
  });
});
