// Every EIP-3076 interchange test case (eth-clients/slashing-protection-interchange-tests) through
// our import and our checks, with the `should_succeed` outcomes of a minimal-strategy client.
import {strict as assert} from "node:assert";
import {mkdtempSync, readFileSync, readdirSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join, resolve} from "node:path";
import {fileURLToPath} from "node:url";
import {fromHex} from "@hearth/config";
import {SlashingProtection, SlashingProtectionError, SlashingProtectionErrorCode} from "../../../src/slashingProtection/index.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../../..");
const sharedDir = process.env.HEARTH_SHARED ?? resolve(repoRoot, "../shared");
const vectorsDir = join(sharedDir, "vectors/slashing-protection-interchange/tests/generated");

interface Check {
  pubkey: string;
  signing_root?: string;
  should_succeed: boolean;
}
interface Step {
  should_succeed: boolean;
  contains_slashable_data: boolean;
  interchange: unknown;
  blocks: (Check & {slot: string})[];
  attestations: (Check & {source_epoch: string; target_epoch: string})[];
}
interface TestCase {
  name: string;
  genesis_validators_root: string;
  steps: Step[];
}

const ZERO_ROOT = "0x" + "00".repeat(32);

async function attempt(fn: () => Promise<void>): Promise<SlashingProtectionError | null> {
  try {
    await fn();
    return null;
  } catch (e) {
    if (e instanceof SlashingProtectionError) return e;
    throw e;
  }
}

const files = readdirSync(vectorsDir)
  .filter((f) => f.endsWith(".json"))
  .sort();

describe("slashing protection: EIP-3076 interchange vectors", function () {
  this.timeout(20_000);
  let dir: string;
  const counts = {cases: 0, imports: 0, checks: 0};

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "hearth-sp-vectors-"))));
  afterEach(() => rmSync(dir, {recursive: true, force: true}));
  after(() => {
    // the denominators the suite ran against; the vector set has 38 cases
    assert.equal(counts.cases, files.length);
  });

  it("finds the vectors", () => assert.ok(files.length >= 38, `${files.length} vector files in ${vectorsDir}`));

  for (const file of files) {
    it(file.replace(/\.json$/, ""), async () => {
      const test = JSON.parse(readFileSync(join(vectorsDir, file), "utf8")) as TestCase;
      const sp = await SlashingProtection.open({dbDir: dir});
      try {
        const gvr = fromHex(test.genesis_validators_root);
        await sp.checkGenesisValidatorsRoot(gvr);
        for (const [i, step] of test.steps.entries()) {
          const before = JSON.stringify(await sp.exportInterchange());
          const importError = await attempt(async () => void (await sp.importInterchange(step.interchange)));
          counts.imports++;
          if (!step.should_succeed) {
            assert.notEqual(importError, null, `step ${i}: the import should fail`);
            assert.equal(JSON.stringify(await sp.exportInterchange()), before, `step ${i}: a failed import changed the database`);
          } else {
            // we minify every import, so slashable data in a file is accepted and the checks below must pass
            assert.equal(importError, null, `step ${i}: import failed: ${importError?.message}`);
          }
          for (const [j, b] of step.blocks.entries()) {
            const err = await attempt(() => sp.checkAndInsertBlockProposal(gvr, fromHex(b.pubkey), Number(b.slot), fromHex(b.signing_root ?? ZERO_ROOT)));
            counts.checks++;
            assert.equal(err === null, b.should_succeed, `step ${i} block ${j} (slot ${b.slot}): ${err?.message ?? "signed"}`);
          }
          for (const [j, a] of step.attestations.entries()) {
            const err = await attempt(() =>
              sp.checkAndInsertAttestation(gvr, fromHex(a.pubkey), Number(a.source_epoch), Number(a.target_epoch), fromHex(a.signing_root ?? ZERO_ROOT)),
            );
            counts.checks++;
            assert.equal(err === null, a.should_succeed, `step ${i} attestation ${j} (${a.source_epoch}→${a.target_epoch}): ${err?.message ?? "signed"}`);
          }
        }
        counts.cases++;
      } finally {
        await sp.close();
      }
    });
  }

  it("refuses another chain's interchange with GENESIS_VALIDATORS_ROOT_MISMATCH", async () => {
    const sp = await SlashingProtection.open({dbDir: dir});
    try {
      await sp.checkGenesisValidatorsRoot(new Uint8Array(32).fill(1));
      const interchange = {metadata: {interchange_format_version: "5", genesis_validators_root: ZERO_ROOT}, data: []};
      const err = await attempt(async () => void (await sp.importInterchange(interchange)));
      assert.equal(err?.code, SlashingProtectionErrorCode.GENESIS_VALIDATORS_ROOT_MISMATCH);
    } finally {
      await sp.close();
    }
  });
});
