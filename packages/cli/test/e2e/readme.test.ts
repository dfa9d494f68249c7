// Every command block of the README is tried: each ```sh block carries a marker line
// `<!-- readme-test: ID -->`, and each ID is either run here (against a dev chain started with
// `npm start`, in a temp folder, with ports moved off the defaults) or listed in NOT_RUN with the
// reason. A block without a marker, or with an ID this file does not know, fails the test.
import {strict as assert} from "node:assert";
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import os from "node:os";
import path from "node:path";
import {create, defaultPbkdfModule} from "@chainsafe/bls-keystore";
import {interopSecretKeys} from "@hearth/state-transition";
import {head} from "./nodeApi.js";
import {CLI, REPO_ROOT, getJson, startProcess, waitFor, type CliProcess} from "./runCli.js";

interface Block {
  id: string | null;
  line: number;
  text: string;
}

/** The README's shell blocks with the marker on the line before each. */
export function readmeBlocks(markdown: string): Block[] {
  const lines = markdown.split("\n");
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(sh|bash|shell|console)\s*$/.test(lines[i])) continue;
    const marker = /^<!-- readme-test: ([\w-]+) -->$/.exec(lines[i - 1] ?? "");
    const end = lines.indexOf("```", i + 1);
    blocks.push({id: marker ? marker[1] : null, line: i + 1, text: lines.slice(i + 1, end).join("\n")});
    i = end;
  }
  return blocks;
}

const NOT_RUN: Record<string, string> = {
  mainnet: "needs the internet (mainnet peers and a public checkpoint) and geth, which is not installed here",
  compose: "needs a Docker engine, which this machine has not; docker-compose.yml is validated by compose.test.ts",
  spec: "the spec tests are run by `npm test` in CI (.ci/run)",
  other: "`npm run build` is run by `npm test` in CI; `npm run bench` measures, it checks nothing",
};
const RUN = ["quick-start", "dev-curl", "dev-follow", "help", "validator-import", "validator-run"];

const BASE = 21_000 + Math.floor(Math.random() * 400);
const PORTS: Record<string, number> = {"9596": BASE, "8008": BASE + 1, "9000": BASE + 2, "9597": BASE + 3, "8009": BASE + 4, "9001": BASE + 5, "5062": BASE + 6};

/** A README block as this test runs it: `npx hearth` is the built CLI, default ports moved to free ones. */
function localize(text: string): string {
  let out = text.replaceAll("npx hearth", `node ${CLI}`);
  for (const [from, to] of Object.entries(PORTS)) out = out.replace(new RegExp(`\\b${from}\\b`, "g"), String(to));
  return out;
}

type Shell = CliProcess;

/** Runs a script in bash in its own process group (so npm's children die with it). */
function bash(script: string, cwd: string): Shell {
  return startProcess("bash", ["-euo", "pipefail", "-c", script], {cwd, detached: true});
}

async function kill(s: Shell): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  try {
    process.kill(-s.child.pid!, "SIGKILL");
  } catch {
    // already gone
  }
  await s.exited;
}

async function finished(s: Shell, what: string, timeoutMs = 60_000): Promise<string> {
  const timer = setTimeout(() => void kill(s), timeoutMs);
  const code = await s.exited;
  clearTimeout(timer);
  assert.equal(code, 0, `${what} exited ${code}:\n${s.output().slice(-3000)}`);
  return s.output();
}

describe("README: every command block is run or listed (e2e)", function () {
  this.timeout(180_000);
  const readme = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
  const blocks = readmeBlocks(readme);
  const byId = new Map(blocks.filter((b) => b.id !== null).map((b) => [b.id!, b]));
  const shells: Shell[] = [];
  let dir: string;
  const api = `http://127.0.0.1:${PORTS["9596"]}`;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "hearth-readme-e2e-"));
  });
  after(async () => {
    for (const s of shells) await kill(s);
    rmSync(dir, {recursive: true, force: true});
  });

  it("every shell block is marked, and every mark is run here or has a reason", () => {
    assert.ok(blocks.length >= 8, `only ${blocks.length} blocks found`);
    for (const b of blocks) {
      assert.ok(b.id !== null, `README.md line ${b.line}: a command block without <!-- readme-test: ID --> before it`);
      assert.ok(RUN.includes(b.id!) || b.id! in NOT_RUN, `README.md line ${b.line}: block "${b.id}" is neither run by readme.test.ts nor listed in NOT_RUN`);
    }
    for (const id of [...RUN, ...Object.keys(NOT_RUN)]) assert.ok(byId.has(id), `readme.test.ts knows "${id}", the README has no such block`);
    for (const [id, reason] of Object.entries(NOT_RUN)) console.log(`    not run: ${id}: ${reason}`);
  });

  it("help and version", async () => {
    const out = await finished(bash(localize(byId.get("help")!.text), dir), "help block");
    assert.match(out, /hearth dev\s+Run a local dev chain/);
    assert.match(out, /Execution:\n\s+--execution\.urls/);
    assert.match(out, /^hearth v\d+\.\d+\.\d+ \(node v/m);
  });

  it("quick start: npm start runs a dev chain; the curl lines, the status page and a follower work against it", async () => {
    const quick = byId.get("quick-start")!.text;
    assert.match(quick, /^npm start\b/m);
    assert.match(quick, /^npm test\b/m); // npm test is CI's own command (.ci/run)
    const devDir = path.join(dir, ".hearth", "dev");
    // `npm start` as written, with flags for a test: a small, fast chain on free ports, the DB in the temp folder
    const start = bash(`cd ${REPO_ROOT} && npm start -- --dataDir ${devDir} --genesisValidators 16 --secondsPerSlot 1 --listenAddress 127.0.0.1 ${localize("--rest.port 9596 --metrics.port 8008 --port 9000")}`, dir);
    shells.push(start);
    const headSlot = async (url: string): Promise<number> => (await head(url)).slot;
    await waitFor("the dev chain's head to pass slot 2", async () => (await headSlot(api)) > 2, [start], 120_000);

    const curl = await finished(bash(localize(byId.get("dev-curl")!.text), dir), "curl block");
    assert.match(curl, /"finalized":\{"epoch":"\d+"/);
    assert.match(curl, /^beacon_head_slot \d+/m);
    const page = await fetch(`${api}/`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>Hearth node status<\/title>/);

    const follower = bash(localize(byId.get("dev-follow")!.text), dir);
    shells.push(follower);
    const followerApi = `http://127.0.0.1:${PORTS["9597"]}`;
    const devHead = await headSlot(api);
    await waitFor("the follower to sync to the dev chain's head", async () => (await headSlot(followerApi)) >= devHead, [follower], 90_000);
    await kill(follower);
  });

  it("validators: import keystores, slashing protection import and export, the client with the keymanager", async () => {
    const keysDir = path.join(dir, "validator_keys");
    mkdirSync(keysDir);
    const cheap = {...defaultPbkdfModule(), params: {...defaultPbkdfModule().params, c: 2}};
    const keys = interopSecretKeys(40).slice(38); // not among the dev chain's 16
    const pubkeys = keys.map((sk) => "0x" + Buffer.from(sk.toPublicKey().toBytes()).toString("hex"));
    for (const [i, sk] of keys.entries()) {
      const ks = await create("correct horse", sk.toBytes(), sk.toPublicKey().toBytes(), `m/12381/3600/${i}/0/0`, "", cheap);
      writeFileSync(path.join(keysDir, `keystore-${i}.json`), JSON.stringify(ks));
    }
    writeFileSync(path.join(dir, "password.txt"), "correct horse\n");
    const gvr = (await getJson<{data: {genesis_validators_root: string}}>(`${api}/eth/v1/beacon/genesis`)).data.genesis_validators_root;
    writeFileSync(
      path.join(dir, "slashing-protection.json"),
      JSON.stringify({
        metadata: {interchange_format_version: "5", genesis_validators_root: gvr},
        data: [{pubkey: pubkeys[0], signed_blocks: [{slot: "10"}], signed_attestations: [{source_epoch: "1", target_epoch: "2"}]}],
      })
    );
    const out = await finished(bash(localize(byId.get("validator-import")!.text), dir), "validator import block");
    assert.match(out, /2 imported, 0 already present, 0 failed/);
    assert.match(out, /imported 1 keys \(1 blocks, 1 attestations\)/);
    assert.match(out, /exported \d+ keys/);
    const backup = JSON.parse(readFileSync(path.join(dir, "slashing-protection-backup.json"), "utf8")) as {data: {pubkey: string; signed_blocks: {slot: string}[]}[]};
    assert.deepEqual(backup.data.find((d) => d.pubkey === pubkeys[0])?.signed_blocks.map((b) => b.slot), ["10"]);

    // the client, against the dev chain (minimal preset, so --preset minimal), with the keymanager
    const runText = localize(byId.get("validator-run")!.text).replace("0xYourAddress", "0x" + "ab".repeat(20)).replace(/--keymanager(?![.\w])/, `--keymanager --keymanager.port ${PORTS["5062"]} --preset minimal`);
    const vc = bash(runText, dir);
    shells.push(vc);
    const tokenFile = path.join(dir, ".hearth", "validator", "api-token.txt");
    await waitFor("the keymanager token and API", async () => {
      if (!existsSync(tokenFile)) return false;
      const res = await fetch(`http://127.0.0.1:${PORTS["5062"]}/eth/v1/keystores`, {headers: {authorization: `Bearer ${readFileSync(tokenFile, "utf8").trim()}`}});
      const body = (await res.json()) as {data: {validating_pubkey: string}[]};
      return res.status === 200 && body.data.length === 2;
    }, [vc], 60_000);
    await kill(vc);
  });
});
