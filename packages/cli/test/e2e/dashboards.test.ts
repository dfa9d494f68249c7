// Every metric a Grafana dashboard of ops/grafana queries is exported: by a running `hearth dev`
// (beacon node, minimal preset) at /metrics, or by the validator client's registry. A dashboard
// panel on a metric nobody exports would stay empty forever.
import {strict as assert} from "node:assert";
import {spawn, type ChildProcess} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import os from "node:os";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {createValidatorMetrics} from "@hearth/validator";
import {dashboardExprs, loadDashboards, metricNames} from "../unit/dashboardUtil.js";

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src/index.js");
const BASE = 21_000 + Math.floor(Math.random() * 500) * 3;

/**
 * The metric names of a Prometheus text exposition: every sample's, and every declared metric's (a
 * labelled counter has no sample before its first event, e.g. a rejected block), with a histogram's
 * _bucket/_sum/_count.
 */
function exportedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split("\n")) {
    const declared = /^# TYPE (\S+) (\w+)$/.exec(line);
    if (declared) {
      const [, name, type] = declared;
      names.add(name);
      if (type === "histogram") for (const s of ["_bucket", "_sum", "_count"]) names.add(name + s);
      if (type === "summary") for (const s of ["_sum", "_count"]) names.add(name + s);
    } else if (line !== "" && !line.startsWith("#")) {
      names.add(line.split(/[{ ]/)[0]);
    }
  }
  return names;
}

function sample(text: string, name: string, labels = ""): number {
  const line = text.split("\n").find((l) => l.startsWith(`${name}${labels} `) || (labels === "" && l.startsWith(`${name}{`)));
  return line === undefined ? NaN : Number(line.split(" ").at(-1));
}

describe("Grafana dashboards against live metrics (e2e)", function () {
  this.timeout(90_000);
  let child: ChildProcess;
  let output = "";
  let dataDir: string;

  before(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "hearth-dash-"));
    child = spawn(
      process.execPath,
      // p2p on (loopback): the network's metrics exist only with a network
      [CLI, "dev", "--dataDir", dataDir, "--secondsPerSlot", "1", "--port", String(BASE), "--rest.port", String(BASE + 1), "--metrics.port", String(BASE + 2)],
      {stdio: ["ignore", "pipe", "pipe"], env: {...process.env, HEARTH_PRESET: undefined}},
    );
    child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  });
  after(async () => {
    if (child.exitCode === null) {
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
    }
    rmSync(dataDir, {recursive: true, force: true});
  });

  it("queries only metrics the beacon node or the validator client exports, and they move", async () => {
    // a few blocks in, so histograms and labelled counters have their series
    let text = "";
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      try {
        text = await (await fetch(`http://127.0.0.1:${BASE + 2}/metrics`)).text();
        if (sample(text, "beacon_blocks_imported_total", '{source="api"}') >= 3) break;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.ok(sample(text, "beacon_blocks_imported_total", '{source="api"}') >= 3, `the dev chain imports blocks; output ends:\n${output.slice(-2000)}`);
    assert.ok(sample(text, "beacon_block_import_seconds_count", '{source="api"}') >= 3);
    assert.ok(sample(text, "beacon_bls_pool_jobs_total", '{result="valid"}') >= 1, "block signatures go through the BLS pool");
    assert.ok(sample(text, "beacon_bls_pool_workers") >= 1);
    assert.ok(sample(text, "process_resident_memory_bytes") > 0);
    assert.equal(sample(text, "hearth_sync_state", '{state="synced"}') + sample(text, "hearth_sync_state", '{state="syncing"}') + sample(text, "hearth_sync_state", '{state="stalled"}'), 1);

    const exported = exportedNames(text);
    for (const name of exportedNames(await createValidatorMetrics().registry.metrics())) exported.add(name);
    const missing = dashboardExprs(loadDashboards()).flatMap(({file, panel, expr}) =>
      metricNames(expr).filter((m) => !exported.has(m)).map((m) => `${file} "${panel}": ${m}`),
    );
    assert.deepEqual(missing, []);
  });
});
