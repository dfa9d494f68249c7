// The event stream's payloads as the Beacon API yaml defines them: it gives no schema per topic,
// only an example frame (`event: <topic>\ndata: <json>`) for each. These are read here so a test
// can hold a node's events to the examples' shape (field names, and quoted decimals, hex and
// booleans where the example has them).
import {readFileSync} from "node:fs";
import {join} from "node:path";
import {parse} from "yaml";
import {isObject, OpenApiError} from "./bundle.js";

/** topic → the example's data, parsed; from apis/eventstream/index.yaml beside `rootFile`. */
export function loadEventExamples(rootFile: string): Record<string, unknown> {
  const file = join(rootFile, "..", "apis/eventstream/index.yaml");
  const doc = parse(readText(file)) as unknown;
  const examples = (doc as {get?: {responses?: Record<string, {content?: Record<string, {examples?: Record<string, {value?: unknown}>}>}>}}).get?.responses?.["200"]?.content?.["text/event-stream"]?.examples;
  if (!isObject(examples)) throw new OpenApiError(`${file}: no event examples`);
  const out: Record<string, unknown> = {};
  for (const [topic, example] of Object.entries(examples)) {
    const frame = String((example as {value?: unknown}).value ?? "");
    const data = /^data: (.*)$/m.exec(frame);
    if (data === null) throw new OpenApiError(`${file}: the ${topic} example has no data line`);
    out[topic] = JSON.parse(data[1]) as unknown;
  }
  return out;
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new OpenApiError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

/** Hex lengths that name a fixed-size type (address, root, pubkey, signature): a value must have the same. */
const FIXED_HEX_LENGTHS = new Set([42, 66, 98, 194]);

/**
 * Where `value` departs from the shape of `example`: the same keys (`extraKeys` may also appear),
 * arrays item by item against the example's first, decimal strings for decimal strings, hex of the
 * same fixed length, booleans for booleans. Returns the departures, empty when it conforms.
 */
export function compareToExample(value: unknown, example: unknown, extraKeys: readonly string[] = [], path = ""): string[] {
  const at = path === "" ? "/" : path;
  if (Array.isArray(example)) {
    if (!Array.isArray(value)) return [`${at}: expected an array`];
    if (example.length === 0) return [];
    return value.flatMap((v, i) => compareToExample(v, example[0], extraKeys, `${path}/${i}`));
  }
  if (isObject(example)) {
    if (!isObject(value)) return [`${at}: expected an object`];
    const errors: string[] = [];
    for (const key of Object.keys(example)) {
      if (!(key in value)) errors.push(`${path}/${key}: missing`);
      else errors.push(...compareToExample(value[key], example[key], extraKeys, `${path}/${key}`));
    }
    for (const key of Object.keys(value)) if (!(key in example) && !extraKeys.includes(key)) errors.push(`${path}/${key}: not in the example`);
    return errors;
  }
  if (typeof example === "boolean") return typeof value === "boolean" ? [] : [`${at}: expected a boolean`];
  if (typeof example === "string") {
    if (typeof value !== "string") return [`${at}: expected a string`];
    if (/^\d+$/.test(example)) return /^\d+$/.test(value) ? [] : [`${at}: expected a quoted decimal, got ${value}`];
    if (/^0x[0-9a-fA-F]*$/.test(example)) {
      if (!/^0x[0-9a-fA-F]*$/.test(value)) return [`${at}: expected 0x-hex, got ${value.slice(0, 20)}`];
      if (FIXED_HEX_LENGTHS.has(example.length) && value.length !== example.length) return [`${at}: expected ${(example.length - 2) / 2} bytes of hex, got ${(value.length - 2) / 2}`];
    }
    return [];
  }
  return typeof value === typeof example ? [] : [`${at}: expected a ${typeof example}`];
}
