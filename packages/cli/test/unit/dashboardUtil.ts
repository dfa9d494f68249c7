// Loading the dashboards of ops/grafana/dashboards and reading the metric names of their PromQL.
import fs from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";

export const DASHBOARDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../../ops/grafana/dashboards");

export interface Dashboard {
  uid: string;
  title: string;
  panels: {id: number; type: string; title: string; datasource: {uid: string}; gridPos: {x: number; w: number}; targets: {expr: string}[]}[];
}

export function loadDashboards(): {file: string; json: Dashboard}[] {
  return fs
    .readdirSync(DASHBOARDS_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((file) => ({file, json: JSON.parse(fs.readFileSync(path.join(DASHBOARDS_DIR, file), "utf8")) as Dashboard}));
}

export function dashboardExprs(dashboards: {file: string; json: Dashboard}[]): {file: string; panel: string; expr: string}[] {
  return dashboards.flatMap(({file, json}) => json.panels.flatMap((p) => p.targets.map((t) => ({file, panel: p.title, expr: t.expr}))));
}

const KEYWORDS = new Set(["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset"]);

/** The metric names a PromQL expression reads: identifiers that are not functions, keywords or labels. */
export function metricNames(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // strings
    .replace(/\{[^}]*\}/g, "") // label matchers
    .replace(/\[[^\]]*\]/g, "") // ranges
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ""); // label lists
  const names: string[] = [];
  for (const m of bare.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const after = bare.slice((m.index ?? 0) + m[0].length).trimStart();
    if (after.startsWith("(") || KEYWORDS.has(m[0])) continue;
    if (!names.includes(m[0])) names.push(m[0]);
  }
  return names;
}
