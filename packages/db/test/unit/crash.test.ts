import {strict as assert} from "node:assert";
import {spawn} from "node:child_process";
import {fileURLToPath} from "node:url";
import {Db} from "../../src/index.js";
import {FIXED_ROOT, counterOfRoot, counterRoot} from "../fixtures/crashWriter.js";
import {cleanupTmpDirs, tmpDbDir} from "./helpers.js";

const WRITER = fileURLToPath(new URL("../fixtures/crashWriter.js", import.meta.url));

/** Runs the writer until it has printed `minCommits` more commits, then SIGKILLs it; returns the last printed counter. */
function runAndKill(path: string, minCommits: number, extraDelayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, path], {stdio: ["ignore", "pipe", "pipe"]});
    let out = "";
    let err = "";
    let seen = 0;
    let killing = false;
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      seen = out.split("\n").filter((l) => l !== "").length;
      if (!killing && seen >= minCommits) {
        killing = true;
        setTimeout(() => child.kill("SIGKILL"), extraDelayMs);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("exit", (code, signal) => {
      if (signal !== "SIGKILL") return reject(new Error(`writer exited with code ${code}: ${err}`));
      const lines = out.split("\n").filter((l) => l !== "");
      resolve(Number(lines[lines.length - 1]));
    });
  });
}

describe("crash safety (classic-level, SIGKILL mid-write)", function () {
  this.timeout(60_000);
  afterEach(() => cleanupTmpDirs());

  it("reopens after each kill with every batch all-or-nothing", async () => {
    const path = tmpDbDir();
    let lastPrinted = -1;
    for (const [round, delayMs] of [0, 3, 7, 1, 11].entries()) {
      const printed = await runAndKill(path, 5, delayMs);
      assert.ok(printed > lastPrinted, `round ${round}: the writer resumed and committed (printed ${printed})`);
      lastPrinted = printed;

      const db = await Db.open({path});
      try {
        const head = await db.chainInfo.headRoot.get();
        assert.ok(head !== null, "head missing");
        const n = counterOfRoot(head);
        // Everything printed was committed; one more batch may have landed after the last print.
        assert.ok(n === printed || n === printed + 1, `round ${round}: head ${n}, last printed ${printed}`);

        assert.equal((await db.hotBlocks.get(FIXED_ROOT))?.value.message.slot, n, "hot block agrees with head");
        const blobs = await db.blobSidecars.get(FIXED_ROOT);
        assert.deepEqual(
          blobs?.value.map((s) => [s.signedBlockHeader.message.slot, s.blob[0], s.blob[131071]]),
          [
            [n, n & 0xff, n & 0xff],
            [n, n & 0xff, n & 0xff],
          ],
          "blob sidecars agree with head",
        );
        assert.equal(await db.blockArchive.lastSlot(), n, "archive ends at head");
        assert.equal(await db.blockArchive.getSlotByRoot(counterRoot(n)), n, "root index agrees with head");
        assert.equal(await db.blockArchive.getSlotByRoot(counterRoot(n + 1)), null, "no index entry past head");
        const slots = (await db.blockArchive.getRangeBytes()).length;
        assert.equal(slots, n + 1, "every earlier batch is complete");
        lastPrinted = n;
      } finally {
        await db.close();
      }
    }
  });
});
