import {mainnetPreset} from "./presets/mainnet.js";
import {minimalPreset} from "./presets/minimal.js";
import type {PresetValues} from "./presets/schema.js";

export type {PresetValues} from "./presets/schema.js";
export * from "./forks.js";
export * from "./constants.js";
export * from "./errors.js";

export type PresetName = "mainnet" | "minimal";
export const presets: Readonly<Record<PresetName, Readonly<PresetValues>>> = {
  mainnet: Object.freeze(mainnetPreset),
  minimal: Object.freeze(minimalPreset),
};

/**
 * The preset of this process, from HEARTH_PRESET (default mainnet). SSZ types are sized by it at
 * import time, so it is read once, before anything else, and never changes afterwards.
 */
export const ACTIVE_PRESET: PresetName = readPresetName(process.env.HEARTH_PRESET);

function readPresetName(value: string | undefined): PresetName {
  if (value === undefined || value === "") return "mainnet";
  if (value === "mainnet" || value === "minimal") return value;
  throw new Error(`HEARTH_PRESET must be "mainnet" or "minimal", got "${value}"`);
}

/** Throws when this process runs another preset than `name`: a mismatch would build wrong types. */
export function assertActivePreset(name: PresetName): void {
  if (name !== ACTIVE_PRESET) {
    throw new Error(`preset ${name} requested but this process runs ${ACTIVE_PRESET}: set HEARTH_PRESET=${name} before start`);
  }
}

export const activePreset: Readonly<PresetValues> = presets[ACTIVE_PRESET];

export const {
  MAX_COMMITTEES_PER_SLOT,
  TARGET_COMMITTEE_SIZE,
  MAX_VALIDATORS_PER_COMMITTEE,
  SHUFFLE_ROUND_COUNT,
  HYSTERESIS_QUOTIENT,
  HYSTERESIS_DOWNWARD_MULTIPLIER,
  HYSTERESIS_UPWARD_MULTIPLIER,
  MIN_DEPOSIT_AMOUNT,
  MAX_EFFECTIVE_BALANCE,
  EFFECTIVE_BALANCE_INCREMENT,
  MIN_ATTESTATION_INCLUSION_DELAY,
  SLOTS_PER_EPOCH,
  MIN_SEED_LOOKAHEAD,
  MAX_SEED_LOOKAHEAD,
  EPOCHS_PER_ETH1_VOTING_PERIOD,
  SLOTS_PER_HISTORICAL_ROOT,
  MIN_EPOCHS_TO_INACTIVITY_PENALTY,
  EPOCHS_PER_HISTORICAL_VECTOR,
  EPOCHS_PER_SLASHINGS_VECTOR,
  HISTORICAL_ROOTS_LIMIT,
  VALIDATOR_REGISTRY_LIMIT,
  BASE_REWARD_FACTOR,
  WHISTLEBLOWER_REWARD_QUOTIENT,
  PROPOSER_REWARD_QUOTIENT,
  INACTIVITY_PENALTY_QUOTIENT,
  MIN_SLASHING_PENALTY_QUOTIENT,
  PROPORTIONAL_SLASHING_MULTIPLIER,
  MAX_PROPOSER_SLASHINGS,
  MAX_ATTESTER_SLASHINGS,
  MAX_ATTESTATIONS,
  MAX_DEPOSITS,
  MAX_VOLUNTARY_EXITS,
  INACTIVITY_PENALTY_QUOTIENT_ALTAIR,
  MIN_SLASHING_PENALTY_QUOTIENT_ALTAIR,
  PROPORTIONAL_SLASHING_MULTIPLIER_ALTAIR,
  SYNC_COMMITTEE_SIZE,
  EPOCHS_PER_SYNC_COMMITTEE_PERIOD,
  MIN_SYNC_COMMITTEE_PARTICIPANTS,
  UPDATE_TIMEOUT,
  INACTIVITY_PENALTY_QUOTIENT_BELLATRIX,
  MIN_SLASHING_PENALTY_QUOTIENT_BELLATRIX,
  PROPORTIONAL_SLASHING_MULTIPLIER_BELLATRIX,
  MAX_BYTES_PER_TRANSACTION,
  MAX_TRANSACTIONS_PER_PAYLOAD,
  BYTES_PER_LOGS_BLOOM,
  MAX_EXTRA_DATA_BYTES,
  MAX_BLS_TO_EXECUTION_CHANGES,
  MAX_WITHDRAWALS_PER_PAYLOAD,
  MAX_VALIDATORS_PER_WITHDRAWALS_SWEEP,
  MAX_BLOB_COMMITMENTS_PER_BLOCK,
  KZG_COMMITMENT_INCLUSION_PROOF_DEPTH,
  FIELD_ELEMENTS_PER_BLOB,
  MIN_ACTIVATION_BALANCE,
  MAX_EFFECTIVE_BALANCE_ELECTRA,
  MIN_SLASHING_PENALTY_QUOTIENT_ELECTRA,
  WHISTLEBLOWER_REWARD_QUOTIENT_ELECTRA,
  PENDING_DEPOSITS_LIMIT,
  PENDING_PARTIAL_WITHDRAWALS_LIMIT,
  PENDING_CONSOLIDATIONS_LIMIT,
  MAX_ATTESTER_SLASHINGS_ELECTRA,
  MAX_ATTESTATIONS_ELECTRA,
  MAX_DEPOSIT_REQUESTS_PER_PAYLOAD,
  MAX_WITHDRAWAL_REQUESTS_PER_PAYLOAD,
  MAX_CONSOLIDATION_REQUESTS_PER_PAYLOAD,
  MAX_PENDING_PARTIALS_PER_WITHDRAWALS_SWEEP,
  MAX_PENDING_DEPOSITS_PER_EPOCH,
  KZG_COMMITMENTS_INCLUSION_PROOF_DEPTH,
  FIELD_ELEMENTS_PER_CELL,
  FIELD_ELEMENTS_PER_EXT_BLOB,
  CELLS_PER_EXT_BLOB,
  NUMBER_OF_COLUMNS,
} = activePreset;
