// Beacon namespace shapes (beacon-APIs types/api.yaml, apis/beacon/*).
import {ListCompositeType, type ValueOf} from "@chainsafe/ssz";
import {altair, phase0, ssz} from "@hearth/types";
import {jsonArray, jsonEnum, jsonObject, jsonUint, optional, type ObjectValue} from "../codecs/json.js";
import {API_LIST_LIMIT, apiContainer, UintList} from "./container.js";
import type {JsonCodec} from "../codecs/codec.js";
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
export const ValidatorResponses = jsonArray(ValidatorResponse);

const validatorsQueryFields = {
  ids: optional(jsonArray(jsonUintOrHex())),
  statuses: optional(jsonArray(jsonEnum(VALIDATOR_STATUS_FILTERS))),
};
/** The body of postStateValidators. */
export const ValidatorsQuery = jsonObject(validatorsQueryFields);
export type ValidatorsQuery = ObjectValue<typeof validatorsQueryFields>;

function jsonUintOrHex(): JsonCodec<ValidatorId> {
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
