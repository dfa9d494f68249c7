// Constants of the consensus specs that do not vary by preset (the "Constants" tables of each fork's
// beacon-chain.md, p2p-interface.md, validator.md and light-client/sync-protocol.md).

// phase0 misc
export const GENESIS_SLOT = 0;
export const GENESIS_EPOCH = 0;
/** Epoch(2**64 - 1). Not representable as a number, so it is kept as Infinity in memory and
 * serialized back as 2**64 - 1 by the ssz uint64 types. */
export const FAR_FUTURE_EPOCH = Infinity;
export const BASE_REWARDS_PER_EPOCH = 4;
export const DEPOSIT_CONTRACT_TREE_DEPTH = 32;
export const JUSTIFICATION_BITS_LENGTH = 4;
export const BLS_WITHDRAWAL_PREFIX = 0x00;
export const ETH1_ADDRESS_WITHDRAWAL_PREFIX = 0x01;
export const COMPOUNDING_WITHDRAWAL_PREFIX = 0x02;
export const ETH_TO_GWEI = 1_000_000_000;

// Domain types, as 4 bytes each.
export const DOMAIN_BEACON_PROPOSER = Uint8Array.from([0, 0, 0, 0]);
export const DOMAIN_BEACON_ATTESTER = Uint8Array.from([1, 0, 0, 0]);
export const DOMAIN_RANDAO = Uint8Array.from([2, 0, 0, 0]);
export const DOMAIN_DEPOSIT = Uint8Array.from([3, 0, 0, 0]);
export const DOMAIN_VOLUNTARY_EXIT = Uint8Array.from([4, 0, 0, 0]);
export const DOMAIN_SELECTION_PROOF = Uint8Array.from([5, 0, 0, 0]);
export const DOMAIN_AGGREGATE_AND_PROOF = Uint8Array.from([6, 0, 0, 0]);
export const DOMAIN_SYNC_COMMITTEE = Uint8Array.from([7, 0, 0, 0]);
export const DOMAIN_SYNC_COMMITTEE_SELECTION_PROOF = Uint8Array.from([8, 0, 0, 0]);
export const DOMAIN_CONTRIBUTION_AND_PROOF = Uint8Array.from([9, 0, 0, 0]);
export const DOMAIN_BLS_TO_EXECUTION_CHANGE = Uint8Array.from([10, 0, 0, 0]);
export const DOMAIN_APPLICATION_MASK = Uint8Array.from([0, 0, 0, 1]);
export const DOMAIN_APPLICATION_BUILDER = Uint8Array.from([0, 0, 0, 1]);

// altair participation flags and reward weights
export const TIMELY_SOURCE_FLAG_INDEX = 0;
export const TIMELY_TARGET_FLAG_INDEX = 1;
export const TIMELY_HEAD_FLAG_INDEX = 2;
export const TIMELY_SOURCE_WEIGHT = 14;
export const TIMELY_TARGET_WEIGHT = 26;
export const TIMELY_HEAD_WEIGHT = 14;
export const SYNC_REWARD_WEIGHT = 2;
export const PROPOSER_WEIGHT = 8;
export const WEIGHT_DENOMINATOR = 64;
export const PARTICIPATION_FLAG_WEIGHTS = [TIMELY_SOURCE_WEIGHT, TIMELY_TARGET_WEIGHT, TIMELY_HEAD_WEIGHT] as const;

// validator guide
export const TARGET_AGGREGATORS_PER_COMMITTEE = 16;
export const TARGET_AGGREGATORS_PER_SYNC_SUBCOMMITTEE = 16;
export const SYNC_COMMITTEE_SUBNET_COUNT = 4;

// p2p
export const ATTESTATION_SUBNET_COUNT = 64;
export const ATTESTATION_SUBNET_EXTRA_BITS = 0;
export const NODE_ID_BITS = 256;
export const MAX_REQUEST_LIGHT_CLIENT_UPDATES = 128;

// light client generalized indices
export const FINALIZED_ROOT_GINDEX = 105;
export const CURRENT_SYNC_COMMITTEE_GINDEX = 54;
export const NEXT_SYNC_COMMITTEE_GINDEX = 55;
export const EXECUTION_PAYLOAD_GINDEX = 25;
export const FINALIZED_ROOT_GINDEX_ELECTRA = 169;
export const CURRENT_SYNC_COMMITTEE_GINDEX_ELECTRA = 86;
export const NEXT_SYNC_COMMITTEE_GINDEX_ELECTRA = 87;

// deneb
export const VERSIONED_HASH_VERSION_KZG = 0x01;
export const BYTES_PER_FIELD_ELEMENT = 32;
export const BLOB_TX_TYPE = 0x03;

// electra
/** Uint64(2**64 - 1): "no start index has been assigned". Kept as a bigint because it is compared
 * against deposit_requests_start_index, a uint64 that can hold real values above 2**53 only in tests. */
export const UNSET_DEPOSIT_REQUESTS_START_INDEX = 2n ** 64n - 1n;
export const FULL_EXIT_REQUEST_AMOUNT = 0;
export const DEPOSIT_REQUEST_TYPE = 0x00;
export const WITHDRAWAL_REQUEST_TYPE = 0x01;
export const CONSOLIDATION_REQUEST_TYPE = 0x02;

// fulu
export const NUMBER_OF_CUSTODY_GROUPS = 128;
export const DATA_COLUMN_SIDECAR_SUBNET_COUNT = 128;
