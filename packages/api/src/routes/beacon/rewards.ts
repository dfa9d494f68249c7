// /eth/v1/beacon/rewards/* (beacon-APIs apis/beacon/rewards, types/rewards.yaml): gwei amounts as
// decimal strings; rewards may be negative (penalties).
import {JsonDecodeError, type JsonCodec} from "../../codecs/codec.js";
import {jsonArray, jsonObject, jsonUint, optional} from "../../codecs/json.js";
import {blockIdParam, uintParam} from "../../codecs/params.js";
import {jsonValidatorId} from "../../types/beacon.js";
import {dataResponse, defineRoute, optionalBodyArg, pathArg} from "../route.js";

/** An Int64 of the API: a decimal string, maybe negative. */
const jsonInt: JsonCodec<number> = {
  toJson: (v) => String(v),
  fromJson(json) {
    if (typeof json !== "string" || !/^-?[0-9]+$/.test(json)) throw new JsonDecodeError("", `expected a decimal integer string, got ${JSON.stringify(json)}`);
    const n = Number(json);
    if (!Number.isSafeInteger(n)) throw new JsonDecodeError("", `integer out of range: ${json}`);
    return n;
  },
};

export const BlockRewards = jsonObject({
  proposerIndex: jsonUint,
  total: jsonUint,
  attestations: jsonUint,
  syncAggregate: jsonUint,
  proposerSlashings: jsonUint,
  attesterSlashings: jsonUint,
});

export const IdealAttestationRewards = jsonObject({
  effectiveBalance: jsonUint,
  head: jsonInt,
  target: jsonInt,
  source: jsonInt,
  inclusionDelay: optional(jsonUint),
  inactivity: jsonInt,
});

export const TotalAttestationRewards = jsonObject({
  validatorIndex: jsonUint,
  head: jsonInt,
  target: jsonInt,
  source: jsonInt,
  inclusionDelay: optional(jsonUint),
  inactivity: jsonInt,
});

export const AttestationsRewards = jsonObject({
  idealRewards: jsonArray(IdealAttestationRewards),
  totalRewards: jsonArray(TotalAttestationRewards),
});

export const SyncCommitteeRewards = jsonArray(jsonObject({validatorIndex: jsonUint, reward: jsonInt}));

const validatorIds = jsonArray(jsonValidatorId());
const meta = {meta: ["executionOptimistic", "finalized"] as const};

export const rewardsRoutes = {
  getBlockRewards: defineRoute({
    operationId: "getBlockRewards",
    method: "GET",
    path: "/eth/v1/beacon/rewards/blocks/{block_id}",
    args: {blockId: pathArg("block_id", blockIdParam)},
    response: dataResponse(BlockRewards, meta),
  }),
  getAttestationsRewards: defineRoute({
    operationId: "getAttestationsRewards",
    method: "POST",
    path: "/eth/v1/beacon/rewards/attestations/{epoch}",
    args: {epoch: pathArg("epoch", uintParam), validatorIds: optionalBodyArg(validatorIds)},
    response: dataResponse(AttestationsRewards, meta),
  }),
  getSyncCommitteeRewards: defineRoute({
    operationId: "getSyncCommitteeRewards",
    method: "POST",
    path: "/eth/v1/beacon/rewards/sync_committee/{block_id}",
    args: {blockId: pathArg("block_id", blockIdParam), validatorIds: optionalBodyArg(validatorIds)},
    response: dataResponse(SyncCommitteeRewards, meta),
  }),
};
