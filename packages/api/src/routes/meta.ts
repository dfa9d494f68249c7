// Response metadata: the top-level JSON fields beside `data` (version, execution_optimistic, …),
// which also travel as headers so that SSZ responses keep them. Eth-Consensus-Version and the
// block-production headers are the spec's; the others are Hearth's extension for SSZ bodies.
import {isForkName, type ForkName} from "@hearth/params";
import {fromHex, toHex} from "@hearth/config";

export interface AllMeta {
  /** The fork the data belongs to. */
  version: ForkName;
  executionOptimistic: boolean;
  finalized: boolean;
  /** Block root the duties depend on. */
  dependentRoot: Uint8Array;
  executionPayloadBlinded: boolean;
  /** Wei. */
  executionPayloadValue: bigint;
  /** Wei. */
  consensusBlockValue: bigint;
}
export type MetaKey = keyof AllMeta;

interface MetaField<T> {
  jsonKey: string;
  header: string;
  toJson(value: T): unknown;
  fromJson(json: unknown): T;
  toHeader(value: T): string;
  fromHeader(raw: string): T;
}

const bool: Omit<MetaField<boolean>, "jsonKey" | "header"> = {
  toJson: (v) => v,
  fromJson(json) {
    if (typeof json !== "boolean") throw new Error(`expected a boolean, got ${JSON.stringify(json)}`);
    return json;
  },
  toHeader: String,
  fromHeader(raw) {
    if (raw !== "true" && raw !== "false") throw new Error(`expected true or false, got ${JSON.stringify(raw)}`);
    return raw === "true";
  },
};

function readBigint(raw: unknown): bigint {
  if (typeof raw !== "string" || !/^\d+$/.test(raw)) throw new Error(`expected a decimal integer string, got ${JSON.stringify(raw)}`);
  return BigInt(raw);
}
const wei: Omit<MetaField<bigint>, "jsonKey" | "header"> = {
  toJson: (v) => v.toString(10),
  fromJson: readBigint,
  toHeader: (v) => v.toString(10),
  fromHeader: readBigint,
};

function readFork(raw: unknown): ForkName {
  if (typeof raw !== "string" || !isForkName(raw)) throw new Error(`unknown fork ${JSON.stringify(raw)}`);
  return raw;
}

function readRoot(raw: unknown): Uint8Array {
  if (typeof raw !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(raw)) throw new Error(`expected a 0x-prefixed root, got ${JSON.stringify(raw)}`);
  return fromHex(raw);
}

export const metaFields: {[K in MetaKey]: MetaField<AllMeta[K]>} = {
  version: {jsonKey: "version", header: "Eth-Consensus-Version", toJson: (v) => v, fromJson: readFork, toHeader: (v) => v, fromHeader: readFork},
  executionOptimistic: {jsonKey: "execution_optimistic", header: "Eth-Execution-Optimistic", ...bool},
  finalized: {jsonKey: "finalized", header: "Eth-Finalized", ...bool},
  dependentRoot: {jsonKey: "dependent_root", header: "Eth-Dependent-Root", toJson: toHex, fromJson: readRoot, toHeader: toHex, fromHeader: readRoot},
  executionPayloadBlinded: {jsonKey: "execution_payload_blinded", header: "Eth-Execution-Payload-Blinded", ...bool},
  executionPayloadValue: {jsonKey: "execution_payload_value", header: "Eth-Execution-Payload-Value", ...wei},
  consensusBlockValue: {jsonKey: "consensus_block_value", header: "Eth-Consensus-Block-Value", ...wei},
};

/** Booleans a server may leave out (other clients' SSZ responses carry no such headers). */
const DEFAULT_FALSE: readonly MetaKey[] = ["executionOptimistic", "finalized", "executionPayloadBlinded"];

export function metaToJson(keys: readonly MetaKey[], meta: Partial<AllMeta>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = meta[key];
    if (value === undefined) throw new Error(`response metadata ${key} missing`);
    out[metaFields[key].jsonKey] = (metaFields[key] as MetaField<unknown>).toJson(value);
  }
  return out;
}

export function metaToHeaders(keys: readonly MetaKey[], meta: Partial<AllMeta>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = meta[key];
    if (value !== undefined) out[metaFields[key].header] = (metaFields[key] as MetaField<unknown>).toHeader(value);
  }
  return out;
}

/**
 * Reads metadata from a response: from the JSON body when there is one (the spec's place), else
 * from the headers. `getHeader` returns null for an absent header.
 */
export function metaFromResponse(
  keys: readonly MetaKey[],
  json: Record<string, unknown> | null,
  getHeader: (name: string) => string | null,
): Partial<AllMeta> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const field = metaFields[key] as MetaField<unknown>;
    const inJson = json?.[field.jsonKey];
    const header = getHeader(field.header);
    if (inJson !== undefined) out[key] = field.fromJson(inJson);
    else if (header !== null) out[key] = field.fromHeader(header);
    else if (DEFAULT_FALSE.includes(key)) out[key] = false;
    else throw new Error(`response metadata ${field.jsonKey} missing`);
  }
  return out as Partial<AllMeta>;
}
