// An OpenAPI document loaded at run time with an ajv validator per operation, status and content
// type. Schemas are compiled on first use: loading the Beacon API costs a parse, not 400 compiles.
import {Ajv2020, type ValidateFunction} from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import {OpenApiBundle, OpenApiError} from "./bundle.js";
import {OAPI_FORKS, readOperations, type OapiContent, type OapiOperation} from "./operations.js";

// ajv-formats is CommonJS: its default export is the plugin under NodeNext resolution
const addFormats = ((addFormatsModule as unknown as {default?: unknown}).default ?? addFormatsModule) as (ajv: Ajv2020) => void;

const BUNDLE_ID = "hearth:openapi";
export const JSON_CONTENT = "application/json";

export interface ValidateOptions {
  /** Check `data` against this fork's variant too (the response's `version` is used when absent). */
  fork?: string;
}

export interface OpenApiSpec {
  readonly file: string;
  readonly operations: readonly OapiOperation[];
  operation(operationId: string): OapiOperation;
  /** null when `body` conforms to the schema of `operationId`'s `status` response, else the errors. */
  validateResponse(operationId: string, status: number | string, body: unknown, opts?: ValidateOptions & {contentType?: string}): string[] | null;
  /** null when `body` conforms to the operation's request body schema, else the errors. */
  validateRequest(operationId: string, body: unknown, opts?: ValidateOptions & {contentType?: string}): string[] | null;
  /** null when `value` conforms to the schema of the parameter `name`. */
  validateParameter(operationId: string, name: string, value: unknown): string[] | null;
}

/** The fork whose variant a value of `fork` uses: that fork's, else the latest before it that has one. */
function variantFor(variants: Record<string, string>, fork: string): string | null {
  const index = OAPI_FORKS.findIndex((f) => f.toLowerCase() === fork.toLowerCase());
  if (index === -1) return null;
  for (let i = index; i >= 0; i--) {
    const def = variants[OAPI_FORKS[i].toLowerCase()];
    if (def !== undefined) return def;
  }
  return null;
}

function describeErrors(validate: ValidateFunction, prefix = ""): string[] {
  return (validate.errors ?? []).slice(0, 8).map((e) => `${prefix}${e.instancePath || "/"} ${e.message ?? "invalid"}${e.params && Object.keys(e.params).length > 0 ? ` ${JSON.stringify(e.params)}` : ""}`);
}

export interface LoadOptions {
  /**
   * The yaml's schemas fix vector lengths at mainnet's preset (512 sync committee keys, 8192 block
   * roots). For a chain on another preset: [mainnet length, this preset's length] pairs, applied to
   * fixed-length arrays; bitvector hex patterns follow (length / 4 hex digits).
   */
  sizes?: [number, number][];
  /** [mainnet bits, this preset's bits] of bitvectors written as fixed-length hex. */
  bitvectors?: [number, number][];
}

/** The mainnet → minimal pairs of the preset-sized vectors the Beacon API's schemas fix. */
export const MINIMAL_PRESET_SIZES: Required<LoadOptions> = {
  // SYNC_COMMITTEE_SIZE, SLOTS_PER_HISTORICAL_ROOT (= EPOCHS_PER_SLASHINGS_VECTOR), EPOCHS_PER_HISTORICAL_VECTOR, proposer_lookahead
  sizes: [[512, 32], [8192, 64], [65536, 64], [64, 16]],
  // sync_committee_bits, a sync subcommittee's aggregation_bits
  bitvectors: [[512, 32], [128, 8]],
};

/** Loads `rootFile` (e.g. beacon-APIs/beacon-node-oapi.yaml) and every file it refers to. */
export function loadOpenApiSpec(rootFile: string, opts: LoadOptions = {}): OpenApiSpec {
  const hex = new Map((opts.bitvectors ?? []).map(([a, b]) => [a / 4, b / 4] as [number, number]));
  const bundle = new OpenApiBundle(rootFile, new Map(opts.sizes ?? []), hex);
  const operations = readOperations(bundle);
  const byId = new Map(operations.map((op) => [op.operationId, op]));
  const ajv = new Ajv2020({strict: false, allErrors: true, validateFormats: true});
  addFormats(ajv);
  ajv.addFormat("hex", /^0x[0-9a-fA-F]*$/);
  // the schemas of operations join the referenced types in one document, so refs resolve in it
  const opDefs = new Map<OapiContent, string>();
  let n = 0;
  for (const op of operations) {
    const contents = [...Object.values(op.responses).map((r) => r.content), op.requestBody?.content ?? {}];
    for (const content of contents) {
      for (const c of Object.values(content)) {
        if (c.schema === null) continue;
        const name = `op${n++}`;
        bundle.defs[name] = c.schema;
        opDefs.set(c, name);
      }
    }
    for (const p of op.parameters) {
      const name = `param_${op.operationId}_${p.name}`;
      bundle.defs[name] = p.schema;
    }
  }
  ajv.addSchema({$id: BUNDLE_ID, $defs: bundle.defs});
  const compiled = new Map<string, ValidateFunction>();
  function validator(def: string): ValidateFunction {
    let fn = compiled.get(def);
    if (fn === undefined) {
      fn = ajv.getSchema(`${BUNDLE_ID}#/$defs/${def}`);
      if (fn === undefined) throw new OpenApiError(`no schema ${def}`);
      compiled.set(def, fn);
    }
    return fn;
  }

  function operation(operationId: string): OapiOperation {
    const op = byId.get(operationId);
    if (op === undefined) throw new OpenApiError(`no operation ${operationId} in ${bundle.rootFile}`);
    return op;
  }

  function check(content: OapiContent | undefined, what: string, body: unknown, fork: string | undefined): string[] | null {
    if (content === undefined) return [`${what}: the spec defines no such content`];
    const def = opDefs.get(content);
    if (def === undefined) return null;
    const fn = validator(def);
    if (!fn(body)) return describeErrors(fn);
    const version = fork ?? (typeof (body as {version?: unknown})?.version === "string" ? (body as {version: string}).version : undefined);
    if (content.forkVariants !== null && version !== undefined) {
      const variant = variantFor(content.forkVariants, version);
      if (variant === null) return [`${what}: no variant for fork ${version}`];
      const hasData = typeof body === "object" && body !== null && "data" in body;
      const data = hasData ? (body as {data: unknown}).data : body;
      const vfn = validator(variant);
      if (!vfn(data)) return describeErrors(vfn, `${hasData ? "/data" : ""}(${version}) `);
    }
    return null;
  }

  return {
    file: bundle.rootFile,
    operations,
    operation,
    validateResponse(operationId, status, body, opts = {}) {
      const op = operation(operationId);
      const response = op.responses[String(status)];
      if (response === undefined) return [`${operationId}: the spec defines no ${status} response`];
      const type = opts.contentType ?? JSON_CONTENT;
      return check(response.content[type], `${operationId} ${status} ${type}`, body, opts.fork);
    },
    validateRequest(operationId, body, opts = {}) {
      const op = operation(operationId);
      if (op.requestBody === null) return [`${operationId}: the spec defines no request body`];
      const type = opts.contentType ?? JSON_CONTENT;
      return check(op.requestBody.content[type], `${operationId} request ${type}`, body, opts.fork);
    },
    validateParameter(operationId, name, value) {
      const op = operation(operationId);
      if (!op.parameters.some((p) => p.name === name)) return [`${operationId}: no parameter ${name}`];
      const fn = validator(`param_${operationId}_${name}`);
      return fn(value) ? null : describeErrors(fn);
    },
  };
}
