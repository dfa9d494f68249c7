import {strict as assert} from "node:assert";
import {execFileSync} from "node:child_process";
import path from "node:path";
import {fileURLToPath} from "node:url";
import type {ArchiveReport} from "./archiveScenario.js";

// The minimal preset sizes the SSZ types at import, so the chain runs in a child process (as chain.test.ts).
const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "archiveScenario.js");

describe("finalized block archive after a jump finalization (0 → 2)", function () {
  this.timeout(120_000);
  let r: ArchiveReport;

  before(() => {
    const out = execFileSync(process.execPath, [script], {env: {...process.env, HEARTH_PRESET: "minimal"}, encoding: "utf8", maxBuffer: 16 << 20});
    r = JSON.parse(out) as ArchiveReport;
    if (r.error) assert.fail(r.error);
  });

  it("finalizes epoch 2 first, skipping epoch 1, then later epochs", () => {
    assert.equal(r.finalizedEpochs[0], 2);
    assert.ok(r.finalizedEpochs.length >= 2, `finalized ${r.finalizedEpochs.join(",")}`);
  });

  it("archives every canonical block below the finalized block at each finalization, none left hot", () => {
    for (const h of r.holes) {
      assert.deepEqual(h.missing, [], `epoch ${h.epoch}: missing slots`);
      assert.deepEqual(h.wrongRoot, [], `epoch ${h.epoch}: wrong roots`);
      assert.equal(h.stillHot, 0, `epoch ${h.epoch}: hot blocks below finalized`);
    }
  });

  it("serves every finalized slot by slot (the API's blocks/{slot}), an empty slot as empty", () => {
    assert.ok(r.finalizedSlot >= 24, `finalized slot ${r.finalizedSlot}`);
    assert.deepEqual(r.queryMisses, []);
    assert.equal(r.emptySlotArchived, false);
  });

  it("serves every finalized slot while the chain is archiving a new finalization", () => {
    assert.equal(r.duringFinalization.length, r.finalizedEpochs.length);
    for (const f of r.duringFinalization) assert.deepEqual(f.misses, [], `epoch ${f.epoch}`);
  });

  it("keeps the archive whole across a restart", () => {
    assert.deepEqual(r.afterRestart.missing, []);
    assert.deepEqual(r.afterRestart.queryMisses, []);
  });
});
