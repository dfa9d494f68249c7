// Reads an OpenAPI document split over many yaml files and resolves its `$ref`s: relative file
// references and JSON pointers. OpenAPI objects (path items, parameters, responses, headers) are
// replaced by their targets; JSON schemas are gathered into one `$defs` table, each referenced
// schema once, so that a validator compiles every shared type (a BeaconState of a fork, …) once.
import {readFileSync} from "node:fs";
import {dirname, relative, resolve} from "node:path";
import {parse} from "yaml";

export type JsonObject = Record<string, unknown>;

/** Where a node of a document sits: the file it was read from resolves its relative refs. */
export interface Located<T = unknown> {
  value: T;
  file: string;
}

export class OpenApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OpenApiError";
  }
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** One bundle per root document: its files, read once, and the schemas referenced so far. */
export class OpenApiBundle {
  private readonly files = new Map<string, unknown>();
  /** Referenced schemas by def name; each `$ref` becomes `#/$defs/<name>`. */
  readonly defs: Record<string, unknown> = {};
  private readonly defNames = new Map<string, string>();
  readonly rootDir: string;

  constructor(
    readonly rootFile: string,
    /** Fixed array lengths and hex lengths to read differently (see LoadOptions.sizes). */
    private readonly sizes: ReadonlyMap<number, number> = new Map(),
    private readonly hexLengths: ReadonlyMap<number, number> = new Map(),
  ) {
    this.rootFile = resolve(rootFile);
    this.rootDir = dirname(this.rootFile);
  }

  root(): Located<JsonObject> {
    const value = this.load(this.rootFile);
    if (!isObject(value)) throw new OpenApiError(`${this.rootFile}: not an OpenAPI document`);
    return {value, file: this.rootFile};
  }

  load(file: string): unknown {
    let doc = this.files.get(file);
    if (doc === undefined) {
      try {
        // without pretty errors and the duplicate-key check the yaml parser is several times faster
        doc = parse(readFileSync(file, "utf8"), {prettyErrors: false, uniqueKeys: false}) as unknown;
      } catch (e) {
        throw new OpenApiError(`cannot read ${file}: ${(e as Error).message}`);
      }
      this.files.set(file, doc);
    }
    return doc;
  }

  /** The target of `ref` written in `file`: its file and the node the pointer names. */
  target(ref: string, file: string): Located {
    const hash = ref.indexOf("#");
    const path = hash === -1 ? ref : ref.slice(0, hash);
    const pointer = hash === -1 ? "" : ref.slice(hash + 1);
    const targetFile = path === "" ? file : resolve(dirname(file), path);
    let node = this.load(targetFile);
    for (const raw of pointer.split("/").filter((p) => p !== "")) {
      const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      if (!isObject(node) && !Array.isArray(node)) throw new OpenApiError(`${ref} (from ${file}): no ${pointer}`);
      node = (node as JsonObject)[key];
      if (node === undefined) throw new OpenApiError(`${ref} (from ${file}): no ${pointer}`);
    }
    return {value: node, file: targetFile};
  }

  /** Follows `$ref`s of an OpenAPI object (not a schema) until a node without one. */
  deref<T = JsonObject>(loc: Located): Located<T> {
    let current = loc;
    for (let hops = 0; isObject(current.value) && typeof current.value.$ref === "string"; hops++) {
      if (hops > 32) throw new OpenApiError(`${current.file}: $ref chain too long`);
      current = this.target(current.value.$ref, current.file);
    }
    return current as Located<T>;
  }

  /**
   * A schema with every `$ref` rewritten into `#/$defs/<name>`, the targets added to `defs`
   * (themselves rewritten, once; a schema that refers to itself is fine).
   */
  schema(loc: Located): unknown {
    return this.rewrite(loc.value, loc.file);
  }

  /** The def name of the schema at `ref` from `file`, adding it to `defs` on first sight. */
  defName(ref: string, file: string): string {
    const target = this.target(ref, file);
    const hash = ref.indexOf("#");
    const key = `${relative(this.rootDir, target.file)}#${hash === -1 ? "" : ref.slice(hash + 1)}`;
    let name = this.defNames.get(key);
    if (name === undefined) {
      name = key.replace(/[^A-Za-z0-9_.-]+/g, "_");
      while (name in this.defs) name += "_";
      this.defNames.set(key, name);
      this.defs[name] = true; // placeholder: a cycle back here finds the name already taken
      this.defs[name] = this.rewrite(target.value, target.file);
    }
    return name;
  }

  private rewrite(node: unknown, file: string): unknown {
    if (Array.isArray(node)) return node.map((n) => this.rewrite(n, file));
    if (!isObject(node)) return node;
    const out: JsonObject = {};
    // a fixed-length vector of a preset-sized type (minItems == maxItems), or a bitvector's hex
    const fixed = typeof node.minItems === "number" && node.minItems === node.maxItems ? this.sizes.get(node.minItems) : undefined;
    for (const [key, value] of Object.entries(node)) {
      if (fixed !== undefined && (key === "minItems" || key === "maxItems")) {
        out[key] = fixed;
        continue;
      }
      if (key === "pattern" && typeof value === "string") {
        const m = /^\^0x\[a-fA-F0-9\]\{(\d+)\}\$$/.exec(value);
        const hex = m === null ? undefined : this.hexLengths.get(Number(m[1]));
        if (hex !== undefined) {
          out.pattern = `^0x[a-fA-F0-9]{${hex}}$`;
          continue;
        }
      }
      if (key === "$ref" && typeof value === "string") out.$ref = `#/$defs/${this.defName(value, file)}`;
      // examples are data, not schemas: leave them out rather than rewrite them
      else if (key === "example" || key === "examples") continue;
      else out[key] = this.rewrite(value, file);
    }
    return out;
  }
}
