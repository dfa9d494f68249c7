// What the API scenario reports: for each fork, groups of named checks, each the value the API
// gave and the value expected, or the error that ended the group. api.test.ts asserts on them.
import {ApiClientError} from "@hearth/api";
import {toHex} from "@hearth/config";

export interface Check {
  actual: unknown;
  expected: unknown;
}
export interface GroupReport {
  checks: Record<string, Check>;
  error?: string;
}
export type ForkReport = Record<string, GroupReport>;

/** JSON-friendly: bytes as hex, bigints as strings, Infinity as a string. */
export function plain(value: unknown): unknown {
  if (value instanceof Uint8Array) return toHex(value);
  if (typeof value === "bigint") return value.toString();
  if (value === Infinity) return "Infinity";
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

export class Recorder {
  readonly report: ForkReport = {};
  private current: GroupReport | null = null;

  /** Runs one group; an exception ends it and is reported, the next group still runs. */
  async group(name: string, fn: () => Promise<void>): Promise<void> {
    this.current = {checks: {}};
    this.report[name] = this.current;
    try {
      await fn();
    } catch (e) {
      this.current.error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    }
    this.current = null;
  }

  check(name: string, actual: unknown, expected: unknown): void {
    if (this.current === null) throw new Error(`check ${name} outside a group`);
    if (name in this.current.checks) throw new Error(`check ${name} recorded twice`);
    this.current.checks[name] = {actual: plain(actual), expected: plain(expected)};
  }
}

export interface CallFailure {
  status: number | null;
  message: string;
  failures?: {index: number; message: string}[];
}

/** How a client call failed: its HTTP status and the server's message; throws if it succeeded. */
export async function failureOf(call: Promise<unknown>): Promise<CallFailure> {
  try {
    await call;
  } catch (e) {
    if (e instanceof ApiClientError) return {status: e.status ?? null, message: e.detail.reason ?? e.message, failures: e.detail.failures};
    throw e;
  }
  throw new Error("the call succeeded");
}
