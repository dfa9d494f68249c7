import type {ForkName} from "@hearth/params";

// The typed keys of a consensus config.yaml (consensus-specs configs/mainnet.yaml, phase0 through
// fulu) and the form of each value. ChainConfig's type is derived from this table, so a key added
// here is parsed, typed, defaulted and serialized without touching anything else.

/**
 * How a value is written and held:
 * - uint: decimal integer, held as a number; must fit in 2**53 - 1.
 * - epoch: like uint, but 2**64 - 1 (FAR_FUTURE_EPOCH, "not scheduled") is held as Infinity.
 * - uint256: decimal integer up to 2**256 - 1, held as a bigint.
 * - bytesN: 0x-prefixed hex of exactly N bytes, held as a Uint8Array.
 * - string: free text.
 * - blobSchedule: a list of {EPOCH, MAX_BLOBS_PER_BLOCK}.
 */
export type FieldKind = "uint" | "epoch" | "uint256" | "bytes4" | "bytes20" | "bytes32" | "string" | "blobSchedule";

export const chainConfigSchema = {
  PRESET_BASE: "string",
  CONFIG_NAME: "string",

  // Transition (bellatrix)
  TERMINAL_TOTAL_DIFFICULTY: "uint256",
  TERMINAL_BLOCK_HASH: "bytes32",
  TERMINAL_BLOCK_HASH_ACTIVATION_EPOCH: "epoch",

  // Genesis
  MIN_GENESIS_ACTIVE_VALIDATOR_COUNT: "uint",
  MIN_GENESIS_TIME: "uint",
  GENESIS_FORK_VERSION: "bytes4",
  GENESIS_DELAY: "uint",

  // Forking
  ALTAIR_FORK_VERSION: "bytes4",
  ALTAIR_FORK_EPOCH: "epoch",
  BELLATRIX_FORK_VERSION: "bytes4",
  BELLATRIX_FORK_EPOCH: "epoch",
  CAPELLA_FORK_VERSION: "bytes4",
  CAPELLA_FORK_EPOCH: "epoch",
  DENEB_FORK_VERSION: "bytes4",
  DENEB_FORK_EPOCH: "epoch",
  ELECTRA_FORK_VERSION: "bytes4",
  ELECTRA_FORK_EPOCH: "epoch",
  FULU_FORK_VERSION: "bytes4",
  FULU_FORK_EPOCH: "epoch",

  // Time parameters
  SLOT_DURATION_MS: "uint",
  SECONDS_PER_ETH1_BLOCK: "uint",
  MIN_VALIDATOR_WITHDRAWABILITY_DELAY: "uint",
  SHARD_COMMITTEE_PERIOD: "uint",
  ETH1_FOLLOW_DISTANCE: "uint",
  PROPOSER_REORG_CUTOFF_BPS: "uint",
  ATTESTATION_DUE_BPS: "uint",
  AGGREGATE_DUE_BPS: "uint",
  SYNC_MESSAGE_DUE_BPS: "uint",
  CONTRIBUTION_DUE_BPS: "uint",

  // Validator cycle
  INACTIVITY_SCORE_BIAS: "uint",
  INACTIVITY_SCORE_RECOVERY_RATE: "uint",
  EJECTION_BALANCE: "uint",
  MIN_PER_EPOCH_CHURN_LIMIT: "uint",
  CHURN_LIMIT_QUOTIENT: "uint",
  MAX_PER_EPOCH_ACTIVATION_CHURN_LIMIT: "uint",
  MIN_PER_EPOCH_CHURN_LIMIT_ELECTRA: "uint",
  MAX_PER_EPOCH_ACTIVATION_EXIT_CHURN_LIMIT: "uint",

  // Fork choice
  PROPOSER_SCORE_BOOST: "uint",
  REORG_HEAD_WEIGHT_THRESHOLD: "uint",
  REORG_PARENT_WEIGHT_THRESHOLD: "uint",
  REORG_MAX_EPOCHS_SINCE_FINALIZATION: "uint",

  // Deposit contract
  DEPOSIT_CHAIN_ID: "uint",
  DEPOSIT_NETWORK_ID: "uint",
  DEPOSIT_CONTRACT_ADDRESS: "bytes20",

  // Networking
  MAX_PAYLOAD_SIZE: "uint",
  MAX_REQUEST_BLOCKS: "uint",
  EPOCHS_PER_SUBNET_SUBSCRIPTION: "uint",
  ATTESTATION_PROPAGATION_SLOT_RANGE: "uint",
  MAXIMUM_GOSSIP_CLOCK_DISPARITY: "uint",
  MESSAGE_DOMAIN_INVALID_SNAPPY: "bytes4",
  MESSAGE_DOMAIN_VALID_SNAPPY: "bytes4",
  SUBNETS_PER_NODE: "uint",
  ATTESTATION_SUBNET_COUNT: "uint",
  ATTESTATION_SUBNET_EXTRA_BITS: "uint",
  // Deneb
  MAX_REQUEST_BLOCKS_DENEB: "uint",
  MIN_EPOCHS_FOR_BLOB_SIDECARS_REQUESTS: "uint",
  BLOB_SIDECAR_SUBNET_COUNT: "uint",
  MAX_BLOBS_PER_BLOCK: "uint",
  // Electra
  BLOB_SIDECAR_SUBNET_COUNT_ELECTRA: "uint",
  MAX_BLOBS_PER_BLOCK_ELECTRA: "uint",
  // Fulu
  NUMBER_OF_CUSTODY_GROUPS: "uint",
  DATA_COLUMN_SIDECAR_SUBNET_COUNT: "uint",
  SAMPLES_PER_SLOT: "uint",
  CUSTODY_REQUIREMENT: "uint",
  VALIDATOR_CUSTODY_REQUIREMENT: "uint",
  BALANCE_PER_ADDITIONAL_CUSTODY_GROUP: "uint",
  MIN_EPOCHS_FOR_DATA_COLUMN_SIDECARS_REQUESTS: "uint",

  // Blob scheduling (fulu, EIP-7892)
  BLOB_SCHEDULE: "blobSchedule",

  // Keys that earlier spec releases put in config.yaml and that published network configs and the
  // Beacon API's /eth/v1/config/spec still carry. The current spec computes them (see derived.ts),
  // so they are filled in when a file leaves them out.
  SECONDS_PER_SLOT: "uint",
  MIN_EPOCHS_FOR_BLOCK_REQUESTS: "uint",
  TTFB_TIMEOUT: "uint",
  RESP_TIMEOUT: "uint",
  ATTESTATION_SUBNET_PREFIX_BITS: "uint",
  MAX_REQUEST_BLOB_SIDECARS: "uint",
  MAX_REQUEST_BLOB_SIDECARS_ELECTRA: "uint",
  MAX_REQUEST_DATA_COLUMN_SIDECARS: "uint",
} as const satisfies Record<string, FieldKind>;

export type ChainConfigKey = keyof typeof chainConfigSchema;

export const CHAIN_CONFIG_KEYS = Object.keys(chainConfigSchema) as ChainConfigKey[];

export function isChainConfigKey(key: string): key is ChainConfigKey {
  return Object.prototype.hasOwnProperty.call(chainConfigSchema, key);
}

/** The config keys that schedule each fork after phase0 (phase0 has GENESIS_FORK_VERSION at epoch 0). */
export const FORK_CONFIG_KEYS = {
  altair: {version: "ALTAIR_FORK_VERSION", epoch: "ALTAIR_FORK_EPOCH"},
  bellatrix: {version: "BELLATRIX_FORK_VERSION", epoch: "BELLATRIX_FORK_EPOCH"},
  capella: {version: "CAPELLA_FORK_VERSION", epoch: "CAPELLA_FORK_EPOCH"},
  deneb: {version: "DENEB_FORK_VERSION", epoch: "DENEB_FORK_EPOCH"},
  electra: {version: "ELECTRA_FORK_VERSION", epoch: "ELECTRA_FORK_EPOCH"},
  fulu: {version: "FULU_FORK_VERSION", epoch: "FULU_FORK_EPOCH"},
} as const satisfies Record<Exclude<ForkName, "phase0">, {version: ChainConfigKey; epoch: ChainConfigKey}>;
