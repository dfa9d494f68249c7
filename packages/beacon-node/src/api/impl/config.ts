// /eth/v1/config/* (beacon-APIs apis/config): the spec values this node runs with, its fork
// schedule and its deposit contract.
import type {BeaconApiImpl} from "@hearth/api";
import {chainConfigToJson, toHex} from "@hearth/config";
import * as params from "@hearth/params";
import type {ApiContext} from "./context.js";

type ConfigApi = Pick<BeaconApiImpl, "getSpec" | "getForkSchedule" | "getDepositContract">;

const UINT64_MAX = "18446744073709551615";

/** Bytes1 constants, which the spec writes as '0x..' and the API therefore serves as hex. */
function byte(value: number): string {
  return `0x${value.toString(16).padStart(2, "0")}`;
}

/**
 * The spec constants (the "Constants" tables of each fork's beacon-chain.md, validator.md and
 * p2p-interface.md) that clients read from /config/spec: DomainTypes and Bytes1 values as hex,
 * numbers as decimal strings.
 */
export function specConstants(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key.startsWith("DOMAIN_") && value instanceof Uint8Array) out[key] = toHex(value);
  }
  const numbers = {
    GENESIS_SLOT: params.GENESIS_SLOT,
    GENESIS_EPOCH: params.GENESIS_EPOCH,
    BASE_REWARDS_PER_EPOCH: params.BASE_REWARDS_PER_EPOCH,
    DEPOSIT_CONTRACT_TREE_DEPTH: params.DEPOSIT_CONTRACT_TREE_DEPTH,
    JUSTIFICATION_BITS_LENGTH: params.JUSTIFICATION_BITS_LENGTH,
    TIMELY_SOURCE_FLAG_INDEX: params.TIMELY_SOURCE_FLAG_INDEX,
    TIMELY_TARGET_FLAG_INDEX: params.TIMELY_TARGET_FLAG_INDEX,
    TIMELY_HEAD_FLAG_INDEX: params.TIMELY_HEAD_FLAG_INDEX,
    TIMELY_SOURCE_WEIGHT: params.TIMELY_SOURCE_WEIGHT,
    TIMELY_TARGET_WEIGHT: params.TIMELY_TARGET_WEIGHT,
    TIMELY_HEAD_WEIGHT: params.TIMELY_HEAD_WEIGHT,
    SYNC_REWARD_WEIGHT: params.SYNC_REWARD_WEIGHT,
    PROPOSER_WEIGHT: params.PROPOSER_WEIGHT,
    WEIGHT_DENOMINATOR: params.WEIGHT_DENOMINATOR,
    TARGET_AGGREGATORS_PER_COMMITTEE: params.TARGET_AGGREGATORS_PER_COMMITTEE,
    TARGET_AGGREGATORS_PER_SYNC_SUBCOMMITTEE: params.TARGET_AGGREGATORS_PER_SYNC_SUBCOMMITTEE,
    SYNC_COMMITTEE_SUBNET_COUNT: params.SYNC_COMMITTEE_SUBNET_COUNT,
    ATTESTATION_SUBNET_COUNT: params.ATTESTATION_SUBNET_COUNT,
    ATTESTATION_SUBNET_EXTRA_BITS: params.ATTESTATION_SUBNET_EXTRA_BITS,
    BYTES_PER_FIELD_ELEMENT: params.BYTES_PER_FIELD_ELEMENT,
    FULL_EXIT_REQUEST_AMOUNT: params.FULL_EXIT_REQUEST_AMOUNT,
    NUMBER_OF_CUSTODY_GROUPS: params.NUMBER_OF_CUSTODY_GROUPS,
    DATA_COLUMN_SIDECAR_SUBNET_COUNT: params.DATA_COLUMN_SIDECAR_SUBNET_COUNT,
  };
  for (const [key, value] of Object.entries(numbers)) out[key] = String(value);
  out.FAR_FUTURE_EPOCH = UINT64_MAX;
  out.UNSET_DEPOSIT_REQUESTS_START_INDEX = params.UNSET_DEPOSIT_REQUESTS_START_INDEX.toString();
  const bytes1 = {
    BLS_WITHDRAWAL_PREFIX: params.BLS_WITHDRAWAL_PREFIX,
    ETH1_ADDRESS_WITHDRAWAL_PREFIX: params.ETH1_ADDRESS_WITHDRAWAL_PREFIX,
    COMPOUNDING_WITHDRAWAL_PREFIX: params.COMPOUNDING_WITHDRAWAL_PREFIX,
    VERSIONED_HASH_VERSION_KZG: params.VERSIONED_HASH_VERSION_KZG,
    BLOB_TX_TYPE: params.BLOB_TX_TYPE,
    DEPOSIT_REQUEST_TYPE: params.DEPOSIT_REQUEST_TYPE,
    WITHDRAWAL_REQUEST_TYPE: params.WITHDRAWAL_REQUEST_TYPE,
    CONSOLIDATION_REQUEST_TYPE: params.CONSOLIDATION_REQUEST_TYPE,
  };
  for (const [key, value] of Object.entries(bytes1)) out[key] = byte(value);
  return out;
}

/** The preset of this process (HEARTH_PRESET), every value as a decimal string. */
export function presetValues(): Record<string, string> {
  return Object.fromEntries(Object.entries(params.activePreset).map(([key, value]) => [key, String(value)]));
}

export function createConfigApi(ctx: ApiContext): ConfigApi {
  // the config, preset and constants never change while the node runs
  const spec = {...specConstants(), ...presetValues(), ...chainConfigToJson(ctx.config)};
  return {
    async getSpec() {
      return {data: spec};
    },

    /** Every fork the config schedules, in order; phase0's previous version is its own. */
    async getForkSchedule() {
      const forks = ctx.chain.forkSchedule.scheduledForks;
      return {data: forks.map((f) => ({previousVersion: f.previousVersion, currentVersion: f.version, epoch: f.epoch}))};
    },

    async getDepositContract() {
      return {data: {chainId: ctx.config.DEPOSIT_CHAIN_ID, address: ctx.config.DEPOSIT_CONTRACT_ADDRESS}};
    },
  };
}
