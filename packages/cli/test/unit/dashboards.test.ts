// The Grafana dashboards of ops/grafana: each loads as JSON with the dashboard shape Grafana
// provisions (uid, title, panels with PromQL targets on the provisioned datasource), and
// metricNames() finds the metrics an expression reads (the e2e test checks those against /metrics).
import {strict as assert} from "node:assert";
import fs from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {parse} from "yaml";
import {DASHBOARDS_DIR, dashboardExprs, loadDashboards, metricNames} from "./dashboardUtil.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../..");
const NEEDED = ["chain", "sync", "peers", "gossip", "bls", "block-import", "validator", "process"];

describe("Grafana dashboards", () => {
  const dashboards = loadDashboards();

  it("has one dashboard per topic of issue 10, each of the provisioned shape", () => {
    assert.deepEqual(dashboards.map((d) => d.file).sort(), NEEDED.map((n) => `${n}.json`).sort());
    const datasource = parse(fs.readFileSync(path.join(ROOT, "ops/grafana/provisioning/datasources/prometheus.yml"), "utf8")) as {datasources: {uid: string}[]};
    const uid = datasource.datasources[0].uid;
    const uids = new Set<string>();
    for (const {file, json} of dashboards) {
      assert.match(json.uid, /^hearth-[a-z-]+$/, file);
      assert.ok(!uids.has(json.uid), `${file}: uid ${json.uid} is taken`);
      uids.add(json.uid);
      assert.ok(json.title.startsWith("Hearth: "), file);
      assert.ok(json.panels.length >= 1, `${file} has panels`);
      const ids = new Set(json.panels.map((p) => p.id));
      assert.equal(ids.size, json.panels.length, `${file}: panel ids are unique`);
      for (const panel of json.panels) {
        assert.ok(["timeseries", "stat"].includes(panel.type), `${file}: ${panel.title}`);
        assert.equal(panel.datasource.uid, uid, `${file}: ${panel.title} uses the provisioned datasource`);
        assert.ok(panel.targets.length >= 1 && panel.targets.every((t) => t.expr.length > 0), `${file}: ${panel.title} has queries`);
        assert.ok(panel.gridPos.x + panel.gridPos.w <= 24, `${file}: ${panel.title} fits the grid`);
      }
    }
    // the provider mounts this folder
    const provider = parse(fs.readFileSync(path.join(ROOT, "ops/grafana/provisioning/dashboards/hearth.yml"), "utf8")) as {providers: {options: {path: string}}[]};
    assert.equal(provider.providers[0].options.path, "/var/lib/grafana/dashboards");
    assert.equal(path.relative(ROOT, DASHBOARDS_DIR), "ops/grafana/dashboards");
  });

  it("reads metric names out of PromQL, not functions, labels or keywords", () => {
    assert.deepEqual(
      metricNames('histogram_quantile(0.95, sum by (le) (rate(beacon_bls_pool_job_seconds_bucket{job="beacon"}[5m])))'),
      ["beacon_bls_pool_job_seconds_bucket"],
    );
    assert.deepEqual(metricNames("floor(beacon_slot / 32) - beacon_finalized_epoch"), ["beacon_slot", "beacon_finalized_epoch"]);
    assert.deepEqual(metricNames("sum without (instance) (rate(a_total[1m])) / on (job) group_left b"), ["a_total", "b"]);
    assert.deepEqual(metricNames("rate(x[6m24s]) * 60 > bool 1"), ["x"]);
  });

  it("queries at least 40 distinct metrics across the dashboards", () => {
    const names = new Set(dashboardExprs(dashboards).flatMap(({expr}) => metricNames(expr)));
    assert.ok(names.size >= 40, `only ${names.size}: ${[...names].join(" ")}`);
  });
});
