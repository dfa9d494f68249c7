// The config as the Beacon API serves it (/eth/v1/config/spec): every value a string, bytes as
// 0x-hex, FAR_FUTURE_EPOCH as 18446744073709551615.
import type {BlobScheduleEntry, ChainConfig, ChainConfigValue, UntypedConfigValue} from "./chainConfig.js";
import {chainConfigFromRaw} from "./assemble.js";
import {toHex} from "./bytes.js";
import {chainConfigSchema, isChainConfigKey, type FieldKind} from "./schema.js";

export type ChainConfigJsonValue = string | readonly ChainConfigJsonValue[] | {readonly [key: string]: ChainConfigJsonValue};

const FAR_FUTURE_EPOCH_STRING = "18446744073709551615";

function epochToJson(epoch: number): string {
  return epoch === Infinity ? FAR_FUTURE_EPOCH_STRING : String(epoch);
}

function typedValueToJson(kind: FieldKind, value: ChainConfigValue): ChainConfigJsonValue {
  switch (kind) {
    case "uint":
    case "uint256":
      return String(value);
    case "epoch":
      return epochToJson(value as number);
    case "bytes4":
    case "bytes20":
    case "bytes32":
      return toHex(value as Uint8Array);
    case "string":
      return value as string;
    case "blobSchedule":
      return (value as readonly BlobScheduleEntry[]).map((entry) => ({
        EPOCH: epochToJson(entry.EPOCH),
        MAX_BLOBS_PER_BLOCK: String(entry.MAX_BLOBS_PER_BLOCK),
      }));
  }
}

/** Every key of `config`, typed and untyped, in its Beacon API string form. */
export function chainConfigToJson(config: ChainConfig): Record<string, ChainConfigJsonValue> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key,
      // untyped values were kept as written, which is already the string form
      isChainConfigKey(key) ? typedValueToJson(chainConfigSchema[key], value) : (value as UntypedConfigValue),
    ]),
  );
}

/**
 * A ChainConfig from the Beacon API's string form, e.g. a beacon node's /eth/v1/config/spec. That
 * response also carries preset values and constants; they are kept as untyped keys.
 */
export function chainConfigFromJson(json: Readonly<Record<string, unknown>>): ChainConfig {
  return chainConfigFromRaw(json);
}
