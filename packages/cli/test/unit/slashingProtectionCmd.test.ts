// `hearth validator slashing-protection import|export`, parsed by yargs in this process.
import {strict as assert} from "node:assert";
import os from "node:os";
import path from "node:path";
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import yargs from "yargs";
import {SlashingProtection, slashingProtectionDbDir} from "@hearth/validator";
import {slashingProtectionCommand} from "../../src/cmds/validator/slashingProtection.js";

const PK = "0x" + "a1".repeat(48);
const GVR = "0x" + "07".repeat(32);

function run(args: string[]): Promise<unknown> {
  return yargs(["slashing-protection", ...args])
    .command(slashingProtectionCommand)
    .strict()
    .fail((msg, err) => {
      throw err ?? new Error(msg);
    })
    .parseAsync();
}

describe("hearth validator slashing-protection", function () {
  this.timeout(10_000);
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), "hearth-sp-cli-"))));
  afterEach(() => rmSync(dir, {recursive: true, force: true}));

  it("imports an interchange file and exports the minified watermarks", async () => {
    const input = path.join(dir, "in.json");
    writeFileSync(
      input,
      JSON.stringify({
        metadata: {interchange_format_version: "5", genesis_validators_root: GVR},
        data: [{pubkey: PK, signed_blocks: [{slot: "12"}, {slot: "40"}], signed_attestations: [{source_epoch: "3", target_epoch: "9"}, {source_epoch: "5", target_epoch: "6"}]}],
      }),
    );
    const dataDir = path.join(dir, "data");
    await run(["import", "--file", input, "--dataDir", dataDir, "--logLevel", "error"]);
    const output = path.join(dir, "out.json");
    await run(["export", "--file", output, "--dataDir", dataDir, "--logLevel", "error"]);
    assert.deepEqual(JSON.parse(readFileSync(output, "utf8")), {
      metadata: {interchange_format_version: "5", genesis_validators_root: GVR},
      data: [{pubkey: PK, signed_blocks: [{slot: "40"}], signed_attestations: [{source_epoch: "5", target_epoch: "9"}]}],
    });
  });

  it("names the problem of a bad file, and of a database in use", async () => {
    const input = path.join(dir, "bad.json");
    writeFileSync(input, "{not json");
    await assert.rejects(run(["import", "--file", input, "--dataDir", dir]), /cannot read interchange file/);
    writeFileSync(input, JSON.stringify({metadata: {interchange_format_version: "4", genesis_validators_root: GVR}, data: []}));
    await assert.rejects(run(["import", "--file", input, "--dataDir", dir]), /SLASHING_PROTECTION_INVALID_INTERCHANGE/);
    const held = await SlashingProtection.open({dbDir: slashingProtectionDbDir(dir)});
    try {
      await assert.rejects(run(["export", "--file", path.join(dir, "x.json"), "--dataDir", dir]), /SLASHING_PROTECTION_DB_OPEN_FAILED/);
    } finally {
      await held.close();
    }
  });
});
