// The operations of an OpenAPI document as data: method, path, operationId, tags, parameters,
// request body and responses by status and content type, each schema bundled (see bundle.ts).
import {isObject, OpenApiBundle, OpenApiError, type JsonObject, type Located} from "./bundle.js";

export const HTTP_METHODS = ["get", "post", "put", "delete", "patch"] as const;

export interface OapiParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  /** Bundled JSON schema (refs into the bundle's $defs). */
  schema: unknown;
}

export interface OapiContent {
  /** Bundled JSON schema, or null when the spec gives none (SSZ bytes, described in prose). */
  schema: unknown;
  /** Per fork, the def name of the `data` variant of that fork, when `data` is a union over forks. */
  forkVariants: Record<string, string> | null;
}

export interface OapiOperation {
  operationId: string;
  method: Uppercase<(typeof HTTP_METHODS)[number]>;
  /** The spec's path, parameters in braces. */
  path: string;
  tags: string[];
  summary: string;
  deprecated: boolean;
  /** Exists only from the gloas fork on (see isGloasOnly). */
  gloasOnly: boolean;
  parameters: OapiParameter[];
  requestBody: {required: boolean; content: Record<string, OapiContent>} | null;
  /** By status code ("200", "400", …), by content type. */
  responses: Record<string, {description: string; content: Record<string, OapiContent>; headers: string[]}>;
}

/** The forks as the spec's schema names spell them, oldest first. */
export const OAPI_FORKS = ["Phase0", "Altair", "Bellatrix", "Capella", "Deneb", "Electra", "Fulu", "Gloas"] as const;
const FORK_SCHEMA_REF = new RegExp(`components/schemas/(${OAPI_FORKS.join("|")})\\.\\w+$`);

/**
 * Whether an operation exists only from gloas on. The spec does not flag it, so it is read from
 * what the operation speaks of: a response `version` that can only be gloas, request or response
 * types that are all gloas types, or a description that says so in one of the spec's phrasings.
 */
function isGloasOnly(op: JsonObject, forkRefs: Set<string>, versionEnums: string[][]): boolean {
  if (versionEnums.some((e) => e.length > 0 && e.every((v) => v === "gloas"))) return true;
  if (forkRefs.size > 0 && [...forkRefs].every((f) => f === "Gloas")) return true;
  const text = `${String(op.summary ?? "")} ${String(op.description ?? "")}`;
  return /prior to Gloas|specific to the post-Gloas|Payload Timeliness Committee|before the\s+Gloas fork activates/i.test(text);
}

/** The fork names of the `<Fork>.<Type>` component schemas a schema refers to, directly or through plain refs. */
function collectForkRefs(bundle: OpenApiBundle, loc: Located, out: Set<string>, seen = new Set<unknown>(), depth = 0): void {
  const {value, file} = loc;
  if (depth > 12 || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const v of value) collectForkRefs(bundle, {value: v, file}, out, seen, depth + 1);
    return;
  }
  if (!isObject(value)) return;
  if (typeof value.$ref === "string") {
    const m = FORK_SCHEMA_REF.exec(value.$ref);
    if (m !== null) out.add(m[1]);
    // follow refs that are not fork types (a response wrapper, …), not into the types themselves
    else collectForkRefs(bundle, bundle.target(value.$ref, file), out, seen, depth + 1);
  }
  for (const [k, v] of Object.entries(value)) if (k !== "$ref" && k !== "example" && k !== "examples") collectForkRefs(bundle, {value: v, file}, out, seen, depth + 1);
}

/** `properties.version.enum` of a response schema, when it pins the fork. */
function versionEnum(bundle: OpenApiBundle, loc: Located): string[] {
  const schema = bundle.deref(loc);
  const props = isObject(schema.value.properties) ? schema.value.properties : {};
  const version = isObject(props.version) ? bundle.deref({value: props.version, file: schema.file}).value : null;
  return version !== null && Array.isArray(version.enum) ? (version.enum as string[]) : [];
}

/** Per fork, the def of `data`'s variant when `data` is anyOf/oneOf over `<Fork>.X` types. */
function forkVariants(bundle: OpenApiBundle, loc: Located): Record<string, string> | null {
  const schema = bundle.deref(loc);
  const props = isObject(schema.value.properties) ? schema.value.properties : null;
  // a body may be the union itself (a published block) or hold it under data (a response)
  const union = props !== null && isObject(props.data) ? {value: props.data, file: schema.file} : schema;
  const options = (union.value as JsonObject).anyOf ?? (union.value as JsonObject).oneOf;
  if (!Array.isArray(options)) return null;
  const byFork: Record<string, string> = {};
  for (const option of options) {
    if (!isObject(option) || typeof option.$ref !== "string") return null;
    const m = FORK_SCHEMA_REF.exec(option.$ref);
    if (m === null) return null;
    byFork[m[1].toLowerCase()] = bundle.defName(option.$ref, union.file);
  }
  return byFork;
}

function readContent(bundle: OpenApiBundle, loc: Located): Record<string, OapiContent> {
  const out: Record<string, OapiContent> = {};
  const content = isObject(loc.value) ? loc.value : {};
  for (const [type, media] of Object.entries(content)) {
    if (!isObject(media) || media.schema === undefined) {
      out[type] = {schema: null, forkVariants: null};
      continue;
    }
    const schemaLoc = {value: media.schema, file: loc.file};
    // SSZ content carries a prose description as its "schema": nothing to validate
    const isBytes = type === "application/octet-stream";
    out[type] = {schema: isBytes ? null : bundle.schema(schemaLoc), forkVariants: isBytes ? null : forkVariants(bundle, schemaLoc)};
  }
  return out;
}

export function readOperations(bundle: OpenApiBundle): OapiOperation[] {
  const root = bundle.root();
  const paths = root.value.paths;
  if (!isObject(paths)) throw new OpenApiError(`${root.file}: no paths`);
  const operations: OapiOperation[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = bundle.deref({value: rawItem, file: root.file});
    const shared = Array.isArray(item.value.parameters) ? item.value.parameters : [];
    for (const method of HTTP_METHODS) {
      const op = item.value[method];
      if (!isObject(op)) continue;
      if (typeof op.operationId !== "string") throw new OpenApiError(`${method} ${path}: no operationId`);
      const parameters: OapiParameter[] = [];
      for (const raw of [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
        // a parameter may be `{name, in, $ref}`: the ref's target, with the local fields over it
        const local = isObject(raw) ? raw : {};
        const p = bundle.deref({value: raw, file: item.file});
        const merged = {...p.value, ...Object.fromEntries(Object.entries(local).filter(([k]) => k !== "$ref"))};
        parameters.push({
          name: String(merged.name),
          in: merged.in as OapiParameter["in"],
          required: merged.required === true || merged.in === "path",
          schema: merged.schema === undefined ? {} : bundle.schema({value: merged.schema, file: p.file}),
        });
      }
      const forkRefs = new Set<string>();
      const versionEnums: string[][] = [];
      let requestBody: OapiOperation["requestBody"] = null;
      if (op.requestBody !== undefined) {
        const body = bundle.deref({value: op.requestBody, file: item.file});
        const content = {value: body.value.content, file: body.file};
        collectForkRefs(bundle, content, forkRefs);
        requestBody = {required: body.value.required === true, content: readContent(bundle, content)};
      }
      const responses: OapiOperation["responses"] = {};
      for (const [status, rawResponse] of Object.entries(isObject(op.responses) ? op.responses : {})) {
        const response = bundle.deref({value: rawResponse, file: item.file});
        const content = {value: response.value.content, file: response.file};
        if (status.startsWith("2")) {
          collectForkRefs(bundle, content, forkRefs);
          const json = isObject(content.value) ? (content.value as JsonObject)["application/json"] : undefined;
          if (isObject(json) && json.schema !== undefined) versionEnums.push(versionEnum(bundle, {value: json.schema, file: response.file}));
        }
        responses[status] = {
          description: String(response.value.description ?? ""),
          content: readContent(bundle, content),
          headers: isObject(response.value.headers) ? Object.keys(response.value.headers) : [],
        };
      }
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase() as OapiOperation["method"],
        path,
        tags: Array.isArray(op.tags) ? op.tags.map(String) : [],
        summary: String(op.summary ?? ""),
        deprecated: op.deprecated === true,
        gloasOnly: isGloasOnly(op, forkRefs, versionEnums),
        parameters,
        requestBody,
        responses,
      });
    }
  }
  return operations;
}
