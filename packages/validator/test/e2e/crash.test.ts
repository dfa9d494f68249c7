// Crash tests of slashing protection: a child process signs through it and is SIGKILLed between
// recording and signing, between signing and publishing, or at a random moment, over and over on
// one database. After every restart, the set of signatures ever released must hold no slashable pair.
import {strict as assert} from "node:assert";
import {spawn} from "node:child_process";
import {existsSync, mkdtempSync, readFileSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import {fromHex} from "@hearth/config";
import {SecretKey, verify} from "@hearth/bls";
import {CRASH_SECRET_KEY_IKM} from "./crashConstants.js";

const childScript = join(dirname(fileURLToPath(import.meta.url)), "crashChild.js");
const ITERATIONS = 50;
/** Wall-clock budget of the kill loop; on a loaded machine fewer iterations fit, never fewer than MIN_ITERATIONS. */
const BUDGET_MS = 50_000;
const MIN_ITERATIONS = 10;

type Released =
  | {kind: "block"; slot: number; run: number; signingRoot: string; signature: string}
  | {kind: "attestation"; source: number; target: number; run: number; signingRoot: string; signature: string};

/** The released file's lines; a line cut by a kill mid-write would not parse, and is not a released signature. */
function readReleased(file: string): Released[] {
  if (!existsSync(file)) return [];
  const out: Released[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line === "") continue;
    try {
      out.push(JSON.parse(line) as Released);
    } catch {
      // only the very last line can be partial
    }
  }
  return out;
}

/** Every slashable pair: two blocks at one slot, a double vote, a surround vote (different roots). */
function slashablePairs(released: Released[]): string[] {
  const pairs: string[] = [];
  for (let i = 0; i < released.length; i++) {
    for (let j = i + 1; j < released.length; j++) {
      const a = released[i];
      const b = released[j];
      if (a.signingRoot === b.signingRoot) continue;
      if (a.kind === "block" && b.kind === "block" && a.slot === b.slot) pairs.push(`double proposal at slot ${a.slot} (runs ${a.run}, ${b.run})`);
      if (a.kind === "attestation" && b.kind === "attestation") {
        if (a.target === b.target) pairs.push(`double vote at target ${a.target} (runs ${a.run}, ${b.run})`);
        else if ((a.source < b.source && b.target < a.target) || (b.source < a.source && a.target < b.target)) {
          pairs.push(`surround vote ${a.source}→${a.target} / ${b.source}→${b.target} (runs ${a.run}, ${b.run})`);
        }
      }
    }
  }
  return pairs;
}

interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  refused: number;
  stderr: string;
}

function runChild(args: string[], killAfterReadyMs: number | null): Promise<ChildExit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, ...args], {stdio: ["ignore", "pipe", "pipe"]});
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (killAfterReadyMs !== null && stdout.includes("ready\n")) {
        const ms = killAfterReadyMs;
        killAfterReadyMs = null;
        setTimeout(() => child.kill("SIGKILL"), ms);
      }
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({code, signal, refused: stdout.split("\n").filter((l) => l.startsWith("refused ")).length, stderr});
    });
  });
}

function random(n: number): number {
  return Math.floor(Math.random() * n);
}

describe("slashing protection: crash tests (SIGKILL in a loop)", function () {
  this.timeout(90_000);
  let dir: string;
  const pubkey = SecretKey.fromKeygen(CRASH_SECRET_KEY_IKM).toPublicKey().toBytes();

  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "hearth-sp-crash-"))));
  afterEach(() => rmSync(dir, {recursive: true, force: true}));

  it("without protection the pattern releases slashable pairs (the check below can fail)", async () => {
    const released = join(dir, "released");
    for (let run = 0; run < 3; run++) {
      const exit = await runChild([join(dir, "db"), released, String(run), "none", "0", "--unprotected"], null);
      assert.equal(exit.code, 0, exit.stderr);
    }
    const pairs = slashablePairs(readReleased(released));
    assert.ok(pairs.some((p) => p.startsWith("double proposal")), "a double proposal");
    assert.ok(pairs.some((p) => p.startsWith("double vote")), "a double vote");
    assert.ok(pairs.some((p) => p.startsWith("surround vote")), "a surround vote");
  });

  it("after every kill and restart, no slashable pair was ever released", async () => {
    const db = join(dir, "db");
    const releasedFile = join(dir, "released");
    const kills = {afterRecord: 0, afterSign: 0, random: 0, none: 0};
    let refused = 0;
    const start = Date.now();
    let run = 0;
    for (; run < ITERATIONS && Date.now() - start < BUDGET_MS; run++) {
      const mode = (["afterRecord", "afterSign", "random"] as const)[run % 3];
      const killAt = random(3);
      const exit =
        mode === "random"
          ? await runChild([db, releasedFile, String(run), "none", "0"], random(60))
          : await runChild([db, releasedFile, String(run), mode, String(killAt)], null);
      if (exit.signal === "SIGKILL") kills[mode]++;
      else {
        assert.equal(exit.code, 0, `run ${run}: ${exit.stderr}`);
        kills.none++;
      }
      refused += exit.refused;

      const released = readReleased(releasedFile);
      assert.deepEqual(slashablePairs(released), [], `after run ${run} (${mode})`);
    }

    const released = readReleased(releasedFile);
    for (const r of released) assert.ok(verify(pubkey, fromHex(r.signingRoot), fromHex(r.signature)), `released signature of run ${r.run} verifies`);
    // the loop really crashed at both points and really re-attempted slashable messages
    assert.ok(run >= MIN_ITERATIONS, `only ${run} iterations in ${BUDGET_MS} ms`);
    assert.ok(kills.afterRecord > 0 && kills.afterSign > 0, JSON.stringify(kills));
    assert.ok(refused > run, `refusals ${refused}`);
    // and kept signing: protection stops conflicts, not progress
    assert.ok(released.length >= MIN_ITERATIONS, `released ${released.length} in ${run} runs`);
    assert.ok(released.some((r) => r.kind === "block") && released.some((r) => r.kind === "attestation"));
    process.stdout.write(
      `      crash loop: ${run} runs in ${Date.now() - start} ms, kills ${JSON.stringify(kills)}, ${released.length} released, ${refused} refused\n`,
    );
  });
});
