// Beacon namespace shapes (beacon-APIs types/api.yaml, apis/beacon/*).
import {ListCompositeType, type ValueOf} from "@chainsafe/ssz";
import {altair, phase0, ssz} from "@hearth/types";
import {jsonArray, jsonEnum, jsonObject, jsonUint, optional, type ObjectValue} from "../codecs/json.js";
import {API_LIST_LIMIT, apiContainer, UintList} from "./container.js";
import {serializeValidatorResponses} from "./validatorsSsz.js";
import type {JsonCodec, SszCodec} from "../codecs/codec.js";
import type {HexString, ValidatorId} from "../codecs/params.js";

export const Genesis = apiContainer("Genesis", {
  genesisTime: ssz.UintNum64,
  genesisValidatorsRoot: ssz.Root,
  genesisForkVersion: ssz.Version,
});
export type Genesis = ValueOf<typeof Genesis>;

export const RootResponse = apiContainer("RootResponse", {root: ssz.Root});
export type RootResponse = ValueOf<typeof RootResponse>;

export const BlockHeaderResponse = apiContainer("BlockHeaderResponse", {
  root: ssz.Root,
  canonical: ssz.Boolean,
  header: phase0.SignedBeaconBlockHeader,
});
export type BlockHeaderResponse = ValueOf<typeof BlockHeaderResponse>;
export const BlockHeaderResponses = new ListCompositeType(BlockHeaderResponse, API_LIST_LIMIT);

export const FinalityCheckpoints = apiContainer("FinalityCheckpoints", {
  previousJustified: phase0.Checkpoint,
  currentJustified: phase0.Checkpoint,
  finalized: phase0.Checkpoint,
});
export type FinalityCheckpoints = ValueOf<typeof FinalityCheckpoints>;

/** https://hackmd.io/ofFJ5gOmQpu1jjHilHbdQQ */
export const VALIDATOR_STATUSES = [
  "pending_initialized",
  "pending_queued",
  "active_ongoing",
  "active_exiting",
  "active_slashed",
  "exited_unslashed",
  "exited_slashed",
  "withdrawal_possible",
  "withdrawal_done",
] as const;
export type ValidatorStatus = (typeof VALIDATOR_STATUSES)[number];
/** A status filter may also name a group: "active" is every active_* status, and so on. */
export const VALIDATOR_STATUS_FILTERS = [...VALIDATOR_STATUSES, "active", "pending", "exited", "withdrawal"] as const;
export type ValidatorStatusFilter = (typeof VALIDATOR_STATUS_FILTERS)[number];

const validatorResponseFields = {
  index: jsonUint,
  balance: jsonUint,
  status: jsonEnum(VALIDATOR_STATUSES),
  validator: phase0.Validator,
};
export const ValidatorResponse = jsonObject(validatorResponseFields);
export type ValidatorResponse = ObjectValue<typeof validatorResponseFields>;

/**
 * The spec offers validators as JSON only; Hearth also serves them as SSZ for tools that read the
 * whole registry: List[Container{index: uint64, balance: uint64, status: uint8, validator: Validator}],
 * the status as its position in VALIDATOR_STATUSES.
 */
const ValidatorResponseSsz = apiContainer("ValidatorResponseSsz", {index: ssz.UintNum64, balance: ssz.UintNum64, status: ssz.Uint8, validator: phase0.Validator});
const ValidatorResponseSszList = new ListCompositeType(ValidatorResponseSsz, API_LIST_LIMIT);
const validatorListJson = jsonArray(ValidatorResponse);
const STATUS_INDEX = new Map<string, number>(VALIDATOR_STATUSES.map((s, i) => [s, i]));
const statusIndex = (status: string): number => STATUS_INDEX.get(status) as number;
/** The generic serializer, which serializeValidatorResponses must equal (see its unit test). */
export const serializeValidatorResponsesGeneric = (v: ValidatorResponse[]): Uint8Array =>
  ValidatorResponseSszList.serialize(v.map((r) => ({...r, status: VALIDATOR_STATUSES.indexOf(r.status)})));
export const ValidatorResponses: SszCodec<ValidatorResponse[]> = {
  toJson: (v) => validatorListJson.toJson(v),
  fromJson: (json) => validatorListJson.fromJson(json),
  serialize: (v) => serializeValidatorResponses(v, statusIndex),
  deserialize(bytes) {
    return ValidatorResponseSszList.deserialize(bytes).map((r) => {
      const status = VALIDATOR_STATUSES[r.status];
      if (status === undefined) throw new Error(`unknown validator status ${r.status}`);
      return {...r, status};
    });
  },
};

const validatorsQueryFields = {
  ids: optional(jsonArray(jsonValidatorId())),
  statuses: optional(jsonArray(jsonEnum(VALIDATOR_STATUS_FILTERS))),
};
/** The body of postStateValidators. */
export const ValidatorsQuery = jsonObject(validatorsQueryFields);
export type ValidatorsQuery = ObjectValue<typeof validatorsQueryFields>;

/** A validator id in a JSON body: an index as a decimal string, or a 0x-prefixed public key. */
export function jsonValidatorId(): JsonCodec<ValidatorId> {
  return {
    toJson: (v) => String(v),
    fromJson(json) {
      if (typeof json === "string" && /^0x[0-9a-fA-F]{96}$/.test(json)) return json.toLowerCase() as HexString;
      return jsonUint.fromJson(json);
    },
  };
}

export const Committee = apiContainer("Committee", {index: ssz.CommitteeIndex, slot: ssz.Slot, validators: UintList});
export type Committee = ValueOf<typeof Committee>;
export const Committees = new ListCompositeType(Committee, API_LIST_LIMIT);

export const EpochSyncCommittee = apiContainer("EpochSyncCommittee", {
  validators: UintList,
  validatorAggregates: new ListCompositeType(UintList, API_LIST_LIMIT),
});
export type EpochSyncCommittee = ValueOf<typeof EpochSyncCommittee>;

export const SignedVoluntaryExits = new ListCompositeType(phase0.SignedVoluntaryExit, API_LIST_LIMIT);
export const ProposerSlashings = new ListCompositeType(phase0.ProposerSlashing, API_LIST_LIMIT);
export const SyncCommitteeMessages = new ListCompositeType(altair.SyncCommitteeMessage, API_LIST_LIMIT);
