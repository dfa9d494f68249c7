// Keys that older config.yaml files carry and the Beacon API still serves, but that the current
// spec computes from other values instead. A config that leaves one out gets the computed value, so
// the same key set is served whichever vintage of config.yaml a network publishes.
import {presets, type PresetName} from "@hearth/params";
import type {TypedChainConfig} from "./chainConfig.js";
import {ChainConfigError, ChainConfigErrorCode} from "./errors.js";

export const DERIVED_KEYS = [
  "SECONDS_PER_SLOT",
  "MIN_EPOCHS_FOR_BLOCK_REQUESTS",
  "TTFB_TIMEOUT",
  "RESP_TIMEOUT",
  "ATTESTATION_SUBNET_PREFIX_BITS",
  "MAX_REQUEST_BLOB_SIDECARS",
  "MAX_REQUEST_BLOB_SIDECARS_ELECTRA",
  "MAX_REQUEST_DATA_COLUMN_SIDECARS",
] as const;
export type DerivedKey = (typeof DERIVED_KEYS)[number];

export function isDerivedKey(key: string): key is DerivedKey {
  return (DERIVED_KEYS as readonly string[]).includes(key);
}

/** ceillog2 of the spec: the number of bits needed to tell x values apart. */
function ceillog2(x: number): number {
  if (x < 1) throw new Error(`ceillog2 of ${x}`);
  return Math.ceil(Math.log2(x));
}

/** The value of a derived key, from the config's other keys. */
export function deriveValue(key: DerivedKey, config: Omit<TypedChainConfig, DerivedKey>): number {
  switch (key) {
    case "SECONDS_PER_SLOT":
      // Rounded down: a seconds value only exists for tools that predate SLOT_DURATION_MS.
      return Math.floor(config.SLOT_DURATION_MS / 1000);
    case "MIN_EPOCHS_FOR_BLOCK_REQUESTS":
      // phase0 p2p-interface.md, compute_min_epochs_for_block_requests
      return config.MIN_VALIDATOR_WITHDRAWABILITY_DELAY + Math.floor(config.CHURN_LIMIT_QUOTIENT / 2);
    case "TTFB_TIMEOUT":
      // The last value the spec published (seconds) before it dropped the key.
      return 5;
    case "RESP_TIMEOUT":
      return 10;
    case "ATTESTATION_SUBNET_PREFIX_BITS":
      // phase0 p2p-interface.md, compute_attestation_subnet_prefix_bits
      return ceillog2(config.ATTESTATION_SUBNET_COUNT) + config.ATTESTATION_SUBNET_EXTRA_BITS;
    case "MAX_REQUEST_BLOB_SIDECARS":
      // deneb p2p-interface.md, compute_max_request_blob_sidecars
      return config.MAX_REQUEST_BLOCKS_DENEB * config.MAX_BLOBS_PER_BLOCK;
    case "MAX_REQUEST_BLOB_SIDECARS_ELECTRA":
      // electra p2p-interface.md, modified compute_max_request_blob_sidecars
      return config.MAX_REQUEST_BLOCKS_DENEB * config.MAX_BLOBS_PER_BLOCK_ELECTRA;
    case "MAX_REQUEST_DATA_COLUMN_SIDECARS": {
      // fulu p2p-interface.md, compute_max_request_data_column_sidecars; NUMBER_OF_COLUMNS is a preset value
      if (!Object.prototype.hasOwnProperty.call(presets, config.PRESET_BASE)) {
        throw new ChainConfigError(
          ChainConfigErrorCode.MISSING_KEY,
          `${key} is missing and PRESET_BASE "${config.PRESET_BASE}" is not a built-in preset to compute it from`,
          key,
        );
      }
      return config.MAX_REQUEST_BLOCKS_DENEB * presets[config.PRESET_BASE as PresetName].NUMBER_OF_COLUMNS;
    }
  }
}
