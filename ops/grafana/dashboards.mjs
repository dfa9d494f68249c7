// Writes the Grafana dashboards of ./dashboards from the panel lists below: one place to edit, and
// every dashboard gets the same layout, datasource and ids. Run: node ops/grafana/dashboards.mjs
// Every PromQL expression must use metrics Hearth exports: packages/cli/test/e2e/dashboards.test.ts
// checks them against a running dev node and validator client.
import fs from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), "dashboards");
const DS = {type: "prometheus", uid: "prometheus"};

/** A panel: [title, unit, [[expr, legend], ...], kind?] */
const ts = (title, unit, targets, kind = "timeseries") => ({title, unit, targets, kind});
const stat = (title, unit, targets) => ts(title, unit, targets, "stat");
const q = (expr, legend = "") => [expr, legend];

const dashboards = {
  chain: ["Hearth: chain", [
    stat("Head slot", "none", [q("beacon_head_slot")]),
    stat("Finalized epoch", "none", [q("beacon_finalized_epoch")]),
    stat("Active validators", "none", [q("beacon_current_active_validators")]),
    stat("Participation", "percentunit", [q("beacon_participation_rate")]),
    ts("Head and wall-clock slot", "none", [q("beacon_slot", "wall clock"), q("beacon_head_slot", "head")]),
    ts("Checkpoints", "none", [q("beacon_finalized_epoch", "finalized"), q("beacon_current_justified_epoch", "justified"), q("beacon_previous_justified_epoch", "previous justified")]),
    ts("Reorgs per hour", "none", [q("increase(beacon_reorgs_total[1h])", "reorgs")]),
    ts("Attestations in the op pool", "none", [q("beacon_op_pool_attestations", "attestations")]),
  ]],
  sync: ["Hearth: sync", [
    stat("Sync state", "none", [q("max by (state) (hearth_sync_state) == 1", "{{state}}")]),
    stat("Slots behind", "none", [q("hearth_sync_distance_slots")]),
    stat("Epochs since finality", "none", [q("floor(beacon_slot / 32) - beacon_finalized_epoch")]),
    ts("Distance to the wall clock (slots)", "none", [q("beacon_slot - beacon_head_slot", "slots behind")]),
    ts("Head progress (slots per minute)", "none", [q("rate(beacon_head_slot[5m]) * 60", "head")]),
    ts("Range sync speed", "none", [q("hearth_range_sync_blocks_per_second", "blocks/s"), q("hearth_range_sync_slots_per_second", "slots/s")]),
    ts("Blocks imported per second, by source", "ops", [q("sum by (source) (rate(beacon_blocks_imported_total[5m]))", "{{source}}")]),
    ts("Blocks rejected per second, by reason", "ops", [q("sum by (code) (rate(beacon_blocks_rejected_total[5m]))", "{{code}}")]),
  ]],
  peers: ["Hearth: peers", [
    stat("Connected peers", "none", [q("libp2p_peers")]),
    stat("Inbound", "none", [q("hearth_peers_by_direction{direction=\"inbound\"}")]),
    stat("Outbound", "none", [q("hearth_peers_by_direction{direction=\"outbound\"}")]),
    ts("Connected peers", "none", [q("libp2p_peers", "peers"), q("hearth_peers_by_direction", "{{direction}}")]),
    ts("Req/resp requests per second", "ops", [q("sum by (protocol, direction) (rate(hearth_reqresp_requests_total[5m]))", "{{direction}} {{protocol}}")]),
    ts("Req/resp errors per second", "ops", [q("sum by (protocol, direction) (rate(hearth_reqresp_errors_total[5m]))", "{{direction}} {{protocol}}")]),
  ]],
  gossip: ["Hearth: gossip queues", [
    ts("Validation queue length, by topic", "none", [q("hearth_gossip_validation_queue_length", "{{topic}}")]),
    ts("Dropped from full queues per second", "ops", [q("sum by (topic) (rate(hearth_gossip_validation_queue_dropped_total[5m]))", "{{topic}}")]),
    ts("Messages per second, by outcome", "ops", [q("sum by (result) (rate(hearth_gossip_messages_total[5m]))", "{{result}}")]),
    ts("Accepted per second, by topic", "ops", [q("sum by (topic) (rate(hearth_gossip_messages_total{result=\"accepted\"}[5m]))", "{{topic}}")]),
    ts("Rejected per second, by topic", "ops", [q("sum by (topic) (rate(hearth_gossip_messages_total{result=\"rejected\"}[5m]))", "{{topic}}")]),
    ts("Blocks imported from gossip per second", "ops", [q("sum(rate(beacon_blocks_imported_total{source=\"gossip\"}[5m]))", "gossip blocks")]),
  ]],
  bls: ["Hearth: BLS pool", [
    stat("Workers", "none", [q("beacon_bls_pool_workers")]),
    stat("Queue", "none", [q("beacon_bls_pool_queue_length")]),
    ts("Jobs waiting or running", "none", [q("beacon_bls_pool_queue_length", "queue")]),
    ts("Jobs per second, by outcome", "ops", [q("sum by (result) (rate(beacon_bls_pool_jobs_total[5m]))", "{{result}}")]),
    ts("Signature sets per second", "ops", [q("rate(beacon_bls_pool_signature_sets_total[5m])", "sets")]),
    ts("Signature sets per job", "none", [q("rate(beacon_bls_pool_signature_sets_total[5m]) / sum(rate(beacon_bls_pool_jobs_total[5m]))", "sets/job")]),
    ts("Job time (submit to answer)", "s", [
      q("histogram_quantile(0.5, sum by (le) (rate(beacon_bls_pool_job_seconds_bucket[5m])))", "p50"),
      q("histogram_quantile(0.95, sum by (le) (rate(beacon_bls_pool_job_seconds_bucket[5m])))", "p95"),
      q("rate(beacon_bls_pool_job_seconds_sum[5m]) / rate(beacon_bls_pool_job_seconds_count[5m])", "mean"),
    ]),
  ]],
  "block-import": ["Hearth: block import", [
    ts("Import time p50 / p95 / p99", "s", [
      q("histogram_quantile(0.5, sum by (le) (rate(beacon_block_import_seconds_bucket[5m])))", "p50"),
      q("histogram_quantile(0.95, sum by (le) (rate(beacon_block_import_seconds_bucket[5m])))", "p95"),
      q("histogram_quantile(0.99, sum by (le) (rate(beacon_block_import_seconds_bucket[5m])))", "p99"),
    ]),
    ts("Mean import time, by source", "s", [q("sum by (source) (rate(beacon_block_import_seconds_sum[5m])) / sum by (source) (rate(beacon_block_import_seconds_count[5m]))", "{{source}}")]),
    ts("Imports per second, by source", "ops", [q("sum by (source) (rate(beacon_blocks_imported_total[5m]))", "{{source}}")]),
    ts("Rejections per second, by reason", "ops", [q("sum by (code) (rate(beacon_blocks_rejected_total[5m]))", "{{code}}")]),
    ts("Imports slower than 1 s (share)", "percentunit", [q("1 - sum(rate(beacon_block_import_seconds_bucket{le=\"1\"}[5m])) / sum(rate(beacon_block_import_seconds_count[5m]))", "over 1 s")]),
  ]],
  validator: ["Hearth: validator effectiveness", [
    stat("Validators", "none", [q("validator_indices")]),
    stat("Attestation effectiveness (1h)", "percentunit", [q("increase(validator_attestations_published_total[1h]) / clamp_min(increase(validator_attestations_published_total[1h]) + increase(validator_attestations_missed_total[1h]), 1)")]),
    stat("Blocks missed (24h)", "none", [q("increase(validator_blocks_missed_total[24h])")]),
    ts("Attestations per epoch", "none", [
      q("increase(validator_attestations_published_total[6m24s])", "published"),
      q("increase(validator_attestations_missed_total[6m24s])", "missed"),
      q("increase(validator_attester_duties_total[6m24s])", "duties"),
    ]),
    ts("Blocks", "none", [q("increase(validator_blocks_proposed_total[1h])", "proposed (1h)"), q("increase(validator_blocks_missed_total[1h])", "missed (1h)")]),
    ts("Aggregates and sync committee work per minute", "none", [
      q("rate(validator_aggregates_published_total[5m]) * 60", "aggregates"),
      q("rate(validator_sync_committee_messages_published_total[5m]) * 60", "sync messages"),
      q("rate(validator_sync_contributions_published_total[5m]) * 60", "sync contributions"),
    ]),
    ts("Publish errors per minute, by duty", "none", [q("sum by (duty) (rate(validator_publish_errors_total[5m])) * 60", "{{duty}}")]),
  ]],
  process: ["Hearth: process memory and CPU", [
    ts("CPU (cores)", "none", [q("rate(process_cpu_seconds_total[1m])", "{{job}}")]),
    ts("Resident memory", "bytes", [q("process_resident_memory_bytes", "{{job}}")]),
    ts("Heap used / total", "bytes", [q("nodejs_heap_size_used_bytes", "{{job}} used"), q("nodejs_heap_size_total_bytes", "{{job}} total")]),
    ts("Event loop lag p99", "s", [q("nodejs_eventloop_lag_p99_seconds", "{{job}}")]),
    ts("GC time per second", "s", [q("sum by (job, kind) (rate(nodejs_gc_duration_seconds_sum[1m]))", "{{job}} {{kind}}")]),
    ts("Open file descriptors", "none", [q("process_open_fds", "{{job}}"), q("process_max_fds", "{{job}} max")]),
  ]],
};

function panel(p, id, x, y) {
  const isStat = p.kind === "stat";
  return {
    id,
    type: p.kind,
    title: p.title,
    datasource: DS,
    gridPos: isStat ? {h: 4, w: 6, x, y} : {h: 8, w: 12, x, y},
    fieldConfig: {defaults: {unit: p.unit}, overrides: []},
    options: isStat ? {reduceOptions: {calcs: ["lastNotNull"], fields: "", values: false}} : {legend: {displayMode: "list", placement: "bottom"}},
    targets: p.targets.map(([expr, legendFormat], i) => ({datasource: DS, expr, legendFormat, refId: String.fromCharCode(65 + i)})),
  };
}

for (const [name, [title, panels]] of Object.entries(dashboards)) {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  const laid = panels.map((p, i) => {
    const w = p.kind === "stat" ? 6 : 12;
    const h = p.kind === "stat" ? 4 : 8;
    if (x + w > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const out = panel(p, i + 1, x, y);
    x += w;
    rowHeight = Math.max(rowHeight, h);
    return out;
  });
  const dashboard = {
    uid: `hearth-${name}`,
    title,
    tags: ["hearth"],
    timezone: "browser",
    schemaVersion: 39,
    version: 1,
    refresh: "30s",
    time: {from: "now-6h", to: "now"},
    templating: {list: []},
    annotations: {list: []},
    panels: laid,
  };
  fs.writeFileSync(path.join(OUT, `${name}.json`), `${JSON.stringify(dashboard, null, 2)}\n`);
}
