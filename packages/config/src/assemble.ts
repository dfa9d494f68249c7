// Turning the key/value pairs of a config file (or of the Beacon API's spec response) into a
// complete, checked ChainConfig.
import {FORK_NAMES, presets, type ForkName} from "@hearth/params";
import type {ChainConfig, ChainConfigValue, TypedChainConfig, UntypedConfigValue} from "./chainConfig.js";
import {deriveValue, isDerivedKey, DERIVED_KEYS, type DerivedKey} from "./derived.js";
import {ChainConfigError, ChainConfigErrorCode} from "./errors.js";
import {mainnetChainConfig} from "./networks/mainnet.js";
import {minimalChainConfig} from "./networks/minimal.js";
import {CHAIN_CONFIG_KEYS, FORK_CONFIG_KEYS, chainConfigSchema, isChainConfigKey, type ChainConfigKey} from "./schema.js";
import {readUntyped, readValue} from "./values.js";

/** Keys that say which chain this is: a default would silently put the node on another network. */
const REQUIRED_KEYS: readonly ChainConfigKey[] = [
  "PRESET_BASE",
  "GENESIS_FORK_VERSION",
  "MIN_GENESIS_TIME",
  "DEPOSIT_CHAIN_ID",
  "DEPOSIT_NETWORK_ID",
  "DEPOSIT_CONTRACT_ADDRESS",
];

/** CONFIG_NAME when a file has none (the spec tests' configs have none). */
export const DEFAULT_CONFIG_NAME = "custom";

const FORK_EPOCH_KEYS = new Set<string>(Object.values(FORK_CONFIG_KEYS).map((k) => k.epoch));
const FORK_VERSION_KEYS = new Map<string, string>(Object.values(FORK_CONFIG_KEYS).map((k) => [k.version, k.epoch]));

/** Where defaults come from: the spec's config for the same preset. */
function baseConfigFor(presetBase: string): ChainConfig | null {
  if (!Object.prototype.hasOwnProperty.call(presets, presetBase)) return null;
  return presetBase === "minimal" ? minimalChainConfig : mainnetChainConfig;
}

function missing(key: string, why: string): ChainConfigError {
  return new ChainConfigError(ChainConfigErrorCode.MISSING_KEY, `Missing config key ${key}: ${why}`, key);
}

/**
 * A complete ChainConfig from written key/value pairs (strings, or lists and mappings of strings).
 * A key left out is filled in: a fork epoch with FAR_FUTURE_EPOCH (the fork is not scheduled),
 * BLOB_SCHEDULE with [], a retired key with its computed value, anything else with the spec's
 * value for the same PRESET_BASE. The keys in REQUIRED_KEYS, and the version of a scheduled fork,
 * have no default. Keys Hearth does not type are kept as written, after the typed ones.
 */
export function chainConfigFromRaw(raw: Readonly<Record<string, unknown>>): ChainConfig {
  const typed: Partial<Record<ChainConfigKey, ChainConfigValue>> = {};
  // entries, not an object, so that a key like "__proto__" stays a plain key
  const untyped: [string, UntypedConfigValue][] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (isChainConfigKey(key)) typed[key] = readValue(key, chainConfigSchema[key], value);
    else untyped.push([key, readUntyped(key, value)]);
  }

  for (const key of REQUIRED_KEYS) {
    if (typed[key] === undefined) throw missing(key, "it identifies the network and has no default");
  }
  reconcileSlotDuration(typed);

  const presetBase = typed.PRESET_BASE as string;
  const base = baseConfigFor(presetBase);
  for (const key of CHAIN_CONFIG_KEYS) {
    if (typed[key] !== undefined || isDerivedKey(key)) continue;
    typed[key] = defaultValue(key, typed, base, presetBase);
  }
  for (const key of DERIVED_KEYS) {
    if (typed[key] === undefined) typed[key] = deriveValue(key, typed as Omit<TypedChainConfig, DerivedKey>);
  }

  const config = typed as TypedChainConfig;
  checkConfigName(config.CONFIG_NAME);
  checkForkOrder(config);

  const entries: [string, ChainConfigValue][] = CHAIN_CONFIG_KEYS.map((key) => [key, config[key]]);
  return Object.freeze(Object.fromEntries([...entries, ...untyped])) as ChainConfig;
}

function defaultValue(
  key: ChainConfigKey,
  typed: Partial<Record<ChainConfigKey, ChainConfigValue>>,
  base: ChainConfig | null,
  presetBase: string,
): ChainConfigValue {
  if (FORK_EPOCH_KEYS.has(key)) return Infinity;
  if (key === "BLOB_SCHEDULE") return [];
  if (key === "CONFIG_NAME") return DEFAULT_CONFIG_NAME;
  const epochKey = FORK_VERSION_KEYS.get(key) as ChainConfigKey | undefined;
  // an absent fork epoch means "not scheduled", which needs no version of its own
  const scheduled = epochKey !== undefined && typed[epochKey] !== undefined && typed[epochKey] !== Infinity;
  if (scheduled) {
    throw missing(key, `${epochKey} schedules the fork, so it needs its own version`);
  }
  if (base === null) throw missing(key, `PRESET_BASE "${presetBase}" has no built-in config to take a default from`);
  return base[key];
}

/** SLOT_DURATION_MS replaced SECONDS_PER_SLOT; a file may carry either or both. */
function reconcileSlotDuration(typed: Partial<Record<ChainConfigKey, ChainConfigValue>>): void {
  const seconds = typed.SECONDS_PER_SLOT as number | undefined;
  const ms = typed.SLOT_DURATION_MS as number | undefined;
  if (seconds === undefined) return;
  if (ms === undefined) {
    typed.SLOT_DURATION_MS = seconds * 1000;
  } else if (seconds * 1000 !== ms) {
    throw new ChainConfigError(
      ChainConfigErrorCode.INCONSISTENT,
      `SECONDS_PER_SLOT ${seconds} contradicts SLOT_DURATION_MS ${ms}`,
      "SECONDS_PER_SLOT",
    );
  }
}

/** The spec: "Must match the regex: [a-z0-9\-]". */
function checkConfigName(name: string): void {
  if (!/^[a-z0-9-]+$/.test(name)) {
    throw new ChainConfigError(
      ChainConfigErrorCode.INVALID_VALUE,
      `Invalid value for CONFIG_NAME: "${name}" must match [a-z0-9-]+`,
      "CONFIG_NAME",
    );
  }
}

/**
 * A scheduled fork cannot start before an earlier scheduled fork. An unscheduled fork before a
 * scheduled one is allowed: compute_fork_version simply never returns it, and the spec tests use
 * such configs (e.g. capella at epoch 1 with altair and bellatrix at FAR_FUTURE_EPOCH).
 */
function checkForkOrder(config: TypedChainConfig): void {
  let previous: {fork: ForkName; epoch: number} = {fork: "phase0", epoch: 0};
  for (const fork of FORK_NAMES) {
    if (fork === "phase0") continue;
    const key = FORK_CONFIG_KEYS[fork].epoch;
    const epoch = config[key];
    if (epoch === Infinity) continue;
    if (epoch < previous.epoch) {
      throw new ChainConfigError(
        ChainConfigErrorCode.INCONSISTENT,
        `${key} ${epoch} is before the ${previous.fork} fork at epoch ${previous.epoch}`,
        key,
      );
    }
    previous = {fork, epoch};
  }
}
