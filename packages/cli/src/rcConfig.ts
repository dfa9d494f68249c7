// `--rcConfig FILE`: any flag of any command from a YAML file, so that a long command line can live in
// version control. Keys are flag names; nested mappings are joined with dots, so `rest: {port: 9597}`
// and `rest.port: 9597` mean the same. Flags given on the command line win over the file.
import {readFileSync} from "node:fs";
import {parse} from "yaml";

export class RcConfigError extends Error {
  constructor(
    readonly file: string,
    reason: string
  ) {
    super(`--rcConfig ${file}: ${reason}`);
    this.name = "RcConfigError";
  }
}

export type RcValue = string | number | boolean | (string | number | boolean)[];

/** Reads and flattens an rc file; throws RcConfigError for a missing file, bad YAML, or a value that is no flag value. */
export function loadRcConfig(file: string): Record<string, RcValue> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new RcConfigError(file, code === "ENOENT" ? "no such file" : (e as Error).message);
  }
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new RcConfigError(file, `not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== "object" || Array.isArray(raw)) throw new RcConfigError(file, "must be a mapping of flag names to values, e.g. `rest.port: 9597`");
  const out: Record<string, RcValue> = {};
  flatten(file, "", raw as Record<string, unknown>, out);
  return out;
}

function isScalar(v: unknown): v is string | number | boolean {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

function flatten(file: string, prefix: string, obj: Record<string, unknown>, out: Record<string, RcValue>): void {
  for (const [key, value] of Object.entries(obj)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (isScalar(value)) {
      out[name] = value;
    } else if (Array.isArray(value) && value.every(isScalar)) {
      out[name] = value;
    } else if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      flatten(file, name, value as Record<string, unknown>, out);
    } else {
      throw new RcConfigError(file, `${name}: a flag takes a string, number, boolean or a list of them, not ${value === null ? "null" : JSON.stringify(value)}`);
    }
  }
}

/** The --rcConfig value of a raw argument list, if any (for what must be known before yargs runs). */
export function rcConfigPathFromArgv(argv: string[]): string | undefined {
  const i = argv.findIndex((a) => a === "--rcConfig" || a.startsWith("--rcConfig="));
  if (i < 0) return undefined;
  return argv[i].includes("=") ? argv[i].slice(argv[i].indexOf("=") + 1) : argv[i + 1];
}
