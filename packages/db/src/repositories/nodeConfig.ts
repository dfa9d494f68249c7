import type {PresetName} from "@hearth/params";

/**
 * The facts a node records about the chain it runs, so that a restart with another network,
 * preset or genesis is refused rather than mixed with the stored data. Stored as JSON.
 */
export interface NodeConfigRecord {
  /** CONFIG_NAME of the chain config, e.g. "mainnet" or "dev". */
  configName: string;
  preset: PresetName;
  /** Validators at genesis, when the node built genesis itself (dev, interop); absent otherwise. */
  genesisValidatorCount?: number;
  /** GENESIS_FORK_VERSION as 0x-hex: tells apart configs that share a name. */
  genesisForkVersion?: string;
}

export function encodeNodeConfig(record: NodeConfigRecord): Uint8Array {
  // Validate on write too: a record that would not read back must not be stored.
  const checked = checkNodeConfig(record);
  return new TextEncoder().encode(JSON.stringify(checked));
}

export function decodeNodeConfig(raw: Uint8Array): NodeConfigRecord {
  const text = new TextDecoder("utf-8", {fatal: true}).decode(raw);
  return checkNodeConfig(JSON.parse(text) as unknown);
}

/** The record with exactly the known fields, or an Error naming the first bad one. */
function checkNodeConfig(v: unknown): NodeConfigRecord {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error("node config is not a JSON object");
  const o = v as Record<string, unknown>;
  if (typeof o.configName !== "string") throw new Error("node config: configName is not a string");
  if (o.preset !== "mainnet" && o.preset !== "minimal") throw new Error(`node config: unknown preset ${String(o.preset)}`);
  const out: NodeConfigRecord = {configName: o.configName, preset: o.preset};
  if (o.genesisValidatorCount !== undefined) {
    const n = o.genesisValidatorCount;
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) {
      throw new Error("node config: genesisValidatorCount is not a non-negative integer");
    }
    out.genesisValidatorCount = n;
  }
  if (o.genesisForkVersion !== undefined) {
    if (typeof o.genesisForkVersion !== "string" || !/^0x[0-9a-fA-F]{8}$/.test(o.genesisForkVersion)) {
      throw new Error("node config: genesisForkVersion is not 4 bytes of 0x-hex");
    }
    out.genesisForkVersion = o.genesisForkVersion;
  }
  return out;
}
