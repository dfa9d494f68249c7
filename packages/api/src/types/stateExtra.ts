// Shapes of the state endpoints beyond validators: balances, identities, randao, the electra
// pending queues and fulu's proposer lookahead (beacon-APIs types/api.yaml, apis/beacon/states).
import {ListCompositeType, type ValueOf} from "@chainsafe/ssz";
import {electra, ssz} from "@hearth/types";
import type {JsonCodec} from "../codecs/codec.js";
import {jsonArray} from "../codecs/json.js";
import type {ValidatorId} from "../codecs/params.js";
import {API_LIST_LIMIT, apiContainer, UintList} from "./container.js";
import {jsonValidatorId} from "./beacon.js";

export const ValidatorBalance = apiContainer("ValidatorBalance", {index: ssz.ValidatorIndex, balance: ssz.Gwei});
export type ValidatorBalance = ValueOf<typeof ValidatorBalance>;
/** SSZ: List[Container{index: uint64, balance: uint64}, VALIDATOR_REGISTRY_LIMIT]. */
export const ValidatorBalances = new ListCompositeType(ValidatorBalance, API_LIST_LIMIT);

export const ValidatorIdentity = apiContainer("ValidatorIdentity", {index: ssz.ValidatorIndex, pubkey: ssz.BLSPubkey, activationEpoch: ssz.Epoch});
export type ValidatorIdentity = ValueOf<typeof ValidatorIdentity>;
export const ValidatorIdentities = new ListCompositeType(ValidatorIdentity, API_LIST_LIMIT);

/** A POST body listing validator ids: indices as decimal strings or 0x public keys. */
export const ValidatorIdList: JsonCodec<ValidatorId[]> = jsonArray(jsonValidatorId());

export const Randao = apiContainer("Randao", {randao: ssz.Root});
export type Randao = ValueOf<typeof Randao>;

export const PendingDeposits = new ListCompositeType(electra.PendingDeposit, API_LIST_LIMIT);
export const PendingPartialWithdrawals = new ListCompositeType(electra.PendingPartialWithdrawal, API_LIST_LIMIT);
export const PendingConsolidations = new ListCompositeType(electra.PendingConsolidation, API_LIST_LIMIT);
/** fulu's proposer_lookahead: validator indices, one per slot of the current and next epochs. */
export const ProposerLookahead = UintList;
