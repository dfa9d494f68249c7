// hearth dev's built-in validator signs through slashing protection: its dataDir gets the database
// (<dataDir>/validator/slashing-protection), SIGINT releases it for the export command, and after a
// restart on a history that is ahead of the chain (an imported interchange) the keys refuse to sign
// the conflicting blocks rather than propose them.
import {strict as assert} from "node:assert";
import {spawn, spawnSync} from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src/index.js");
const PORT = 19_900 + Math.floor(Math.random() * 90);
const VALIDATORS = 16;
const FAR_SLOT = 1_000_000;

interface Interchange {
  metadata: {genesis_validators_root: string};
  data: {pubkey: string; signed_blocks: {slot: string}[]; signed_attestations: {target_epoch: string}[]}[];
}

/** Runs `hearth dev` until `until` holds (polled), then SIGINT; resolves with its output and exit code. */
async function runDev(dataDir: string, until: (headSlot: number, upForMs: number) => boolean, timeoutMs: number): Promise<{output: string; code: number | null; head: number}> {
  const child = spawn(
    process.execPath,
    [CLI, "dev", "--secondsPerSlot", "1", "--genesisValidators", String(VALIDATORS), "--dataDir", dataDir, "--rest.port", String(PORT), "--metrics", "false", "--p2p", "false"],
    {stdio: ["ignore", "pipe", "pipe"], env: {...process.env, HEARTH_PRESET: undefined}},
  );
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  let head = -1;
  let upAt: number | null = null;
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      try {
        const res = await fetch(`http://127.0.0.1:${PORT}/eth/v1/beacon/headers/head`);
        if (res.status === 200) {
          head = Number(((await res.json()) as {data: {header: {message: {slot: string}}}}).data.header.message.slot);
          upAt ??= Date.now();
        }
        if (upAt !== null && until(head, Date.now() - upAt)) break;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 300));
    }
  } finally {
    child.kill("SIGINT");
  }
  return {output, code: await exited, head};
}

function cli(args: string[]): string {
  const res = spawnSync(process.execPath, [CLI, ...args], {encoding: "utf8", env: {...process.env, HEARTH_PRESET: "minimal"}});
  assert.equal(res.status, 0, res.stderr + res.stdout);
  return res.stdout;
}

describe("hearth dev with slashing protection (e2e)", function () {
  this.timeout(90_000);
  let dataDir: string;
  before(() => (dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hearth-dev-sp-"))));
  after(() => fs.rmSync(dataDir, {recursive: true, force: true}));

  it("records every signature in <dataDir>/validator, and after a restart refuses blocks below an imported watermark", async () => {
    // past one whole epoch (minimal: 8 slots): most keys have attested (those of slot 0 ran before the client)
    const first = await runDev(dataDir, (head) => head >= 9, 45_000);
    assert.equal(first.code, 0, first.output.slice(-2000));
    assert.ok(first.head >= 9, first.output.slice(-2000));
    const validatorDir = path.join(dataDir, "validator");
    assert.ok(fs.existsSync(path.join(validatorDir, "slashing-protection", "CURRENT")), "the database exists");

    // SIGINT closed the database: the export command can open it
    const file = path.join(dataDir, "interchange.json");
    cli(["validator", "slashing-protection", "export", "--dataDir", validatorDir, "--file", file]);
    const exported = JSON.parse(fs.readFileSync(file, "utf8")) as Interchange;
    assert.ok(exported.data.length >= VALIDATORS / 2 && exported.data.length <= VALIDATORS, `${exported.data.length} keys recorded`);
    assert.ok(exported.data.filter((d) => d.signed_attestations.length > 0).length >= VALIDATORS / 2);
    const proposed = exported.data.filter((d) => d.signed_blocks.length > 0);
    assert.ok(proposed.length >= 1 && proposed.every((d) => Number(d.signed_blocks[0].slot) <= first.head + 1));

    // history from "another machine" far ahead: every key has signed a block at FAR_SLOT
    const ahead = {...exported, data: exported.data.map((d) => ({...d, signed_blocks: [{slot: String(FAR_SLOT)}], signed_attestations: []}))};
    fs.writeFileSync(file, JSON.stringify(ahead));
    cli(["validator", "slashing-protection", "import", "--dataDir", validatorDir, "--file", file]);

    // four slots after the node answers: each has a proposer among our keys
    const second = await runDev(dataDir, (_head, upForMs) => upForMs >= 4_000, 30_000);
    assert.equal(second.code, 0, second.output.slice(-2000));
    assert.ok(second.head <= first.head + 1, `no block proposed after the restart (head ${second.head}, was ${first.head})`);
    assert.match(second.output, /SLASHING_PROTECTION_BLOCK_SLOT_NOT_ABOVE_WATERMARK/);
  });
});
