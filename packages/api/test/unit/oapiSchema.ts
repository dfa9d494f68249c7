// A small JSON-schema checker for the Beacon API's OpenAPI files: $ref across files, type,
// required, properties, items, enum, pattern, min/maxItems, anyOf/oneOf/allOf. Enough to check
// response shapes cheaply until full schema validation (ajv) comes with a later issue.
import {readFileSync} from "node:fs";
import {dirname, resolve} from "node:path";
import {parse} from "yaml";

export const OAPI_DIR = "/work/shared/apis/beacon-APIs";
const ROOT_FILE = resolve(OAPI_DIR, "beacon-node-oapi.yaml");

type Schema = Record<string, unknown>;
interface Located {
  schema: Schema;
  file: string;
}

const files = new Map<string, unknown>();
function load(file: string): unknown {
  let doc = files.get(file);
  if (doc === undefined) {
    doc = parse(readFileSync(file, "utf8"));
    files.set(file, doc);
  }
  return doc;
}

function pointer(doc: unknown, ptr: string): unknown {
  let node = doc;
  for (const raw of ptr.split("/").filter((p) => p !== "")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    node = (node as Record<string, unknown>)[key];
    if (node === undefined) throw new Error(`no ${ptr}`);
  }
  return node;
}

function deref(loc: Located): Located {
  let {schema, file} = loc;
  while (typeof schema.$ref === "string") {
    const [path, ptr = ""] = schema.$ref.split("#");
    const target = path === "" ? file : resolve(dirname(file), path);
    schema = pointer(load(target), ptr) as Schema;
    file = target;
  }
  return {schema, file};
}

/** The JSON schema of a route's response (or request body when `requestBody`). */
export function routeSchema(path: string, method: "get" | "post", status: string | "requestBody"): Located {
  const paths = (load(ROOT_FILE) as {paths: Record<string, Schema>}).paths;
  const item = deref({schema: paths[path], file: ROOT_FILE});
  const op = item.schema[method] as Schema;
  const content =
    status === "requestBody"
      ? (op.requestBody as {content: Record<string, {schema: Schema}>}).content
      : (deref({schema: (op.responses as Record<string, Schema>)[status], file: item.file}).schema.content as Record<string, {schema: Schema}>);
  return {schema: content["application/json"].schema, file: item.file};
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/** The first violation of `loc` by `value`, as "path: reason", or null. */
export function validate(loc: Located, value: unknown, path = "$"): string | null {
  const {schema, file} = deref(loc);
  const sub = (s: unknown): Located => ({schema: s as Schema, file});
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = schema[key] as unknown[] | undefined;
    if (options !== undefined) {
      const errors = options.map((o) => validate(sub(o), value, path));
      if (!errors.includes(null)) return `${path}: matches no ${key} option (${errors.join(" | ")})`;
    }
  }
  for (const s of (schema.allOf as unknown[] | undefined) ?? []) {
    const e = validate(sub(s), value, path);
    if (e !== null) return e;
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === "integer" && types.includes("number"))) return `${path}: expected ${types.join("|")}, got ${actual}`;
  }
  if (schema.enum !== undefined && !(schema.enum as unknown[]).includes(value)) return `${path}: ${JSON.stringify(value)} not in enum`;
  if (typeof schema.pattern === "string" && typeof value === "string" && !new RegExp(schema.pattern).test(value)) {
    return `${path}: ${JSON.stringify(value).slice(0, 40)} does not match ${schema.pattern}`;
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === "number" && value.length < schema.minItems) return `${path}: fewer than ${schema.minItems} items`;
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems) return `${path}: more than ${schema.maxItems} items`;
    if (schema.items !== undefined) {
      for (let i = 0; i < value.length; i++) {
        const e = validate(sub(schema.items), value[i], `${path}[${i}]`);
        if (e !== null) return e;
      }
    }
  }
  if (typeOf(value) === "object") {
    const obj = value as Record<string, unknown>;
    for (const key of (schema.required as string[] | undefined) ?? []) {
      if (!(key in obj)) return `${path}: missing ${key}`;
    }
    for (const [key, s] of Object.entries((schema.properties as Record<string, unknown> | undefined) ?? {})) {
      if (key in obj) {
        const e = validate(sub(s), obj[key], `${path}.${key}`);
        if (e !== null) return e;
      }
    }
  }
  return null;
}
