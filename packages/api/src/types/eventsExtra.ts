// Event stream payloads that are versioned ({version, data}) or come from data availability:
// payload_attributes, the light-client updates, blob_sidecar and data_column_sidecar
// (beacon-APIs apis/eventstream/index.yaml; blob_sidecar as the API defined it for deneb and electra).
import type {ValueOf} from "@chainsafe/ssz";
import {ForkSeq, FORK_NAMES, type ForkName} from "@hearth/params";
import {capella, ssz, sszTypesFor} from "@hearth/types";
import type {JsonCodec} from "../codecs/codec.js";
import {jsonEnum, jsonObject} from "../codecs/json.js";
import {apiContainer} from "./container.js";

const v1 = {timestamp: ssz.UintNum64, prevRandao: ssz.Bytes32, suggestedFeeRecipient: ssz.ExecutionAddress};
const v2 = {...v1, withdrawals: capella.Withdrawals};
const v3 = {...v2, parentBeaconBlockRoot: ssz.Root};
const eventFields = {proposerIndex: ssz.ValidatorIndex, proposalSlot: ssz.Slot, parentBlockNumber: ssz.UintNum64, parentBlockRoot: ssz.Root, parentBlockHash: ssz.Bytes32};

/** PayloadAttributesV1..V3 of execution-apis, in the Beacon API's casing, with the event's fields around them. */
const PayloadAttributesEventV1 = apiContainer("PayloadAttributesEventV1", {...eventFields, payloadAttributes: apiContainer("PayloadAttributesV1", v1)});
const PayloadAttributesEventV2 = apiContainer("PayloadAttributesEventV2", {...eventFields, payloadAttributes: apiContainer("PayloadAttributesV2", v2)});
const PayloadAttributesEventV3 = apiContainer("PayloadAttributesEventV3", {...eventFields, payloadAttributes: apiContainer("PayloadAttributesV3", v3)});

export type PayloadAttributesEventFields = ValueOf<typeof PayloadAttributesEventV1> & {
  payloadAttributes: {withdrawals?: capella.Withdrawal[]; parentBeaconBlockRoot?: Uint8Array};
};

/** bellatrix: V1; capella: V2 (withdrawals); deneb and later: V3 (parent beacon block root). */
function payloadAttributesEventType(fork: ForkName): JsonCodec<PayloadAttributesEventFields> {
  const seq = ForkSeq[fork];
  const type = seq >= ForkSeq.deneb ? PayloadAttributesEventV3 : seq >= ForkSeq.capella ? PayloadAttributesEventV2 : PayloadAttributesEventV1;
  return type as unknown as JsonCodec<PayloadAttributesEventFields>;
}

export interface Versioned<T> {
  version: ForkName;
  data: T;
}

const versionCodec = jsonEnum(FORK_NAMES);

/** `{version, data}` with the data's codec chosen by the version. */
function versioned<T>(codecOf: (fork: ForkName) => JsonCodec<T>): JsonCodec<Versioned<T>> {
  return {
    toJson: (v) => ({version: v.version, data: codecOf(v.version).toJson(v.data)}),
    fromJson(json) {
      const {version} = jsonObject({version: versionCodec}).fromJson(json);
      return {version, data: codecOf(version).fromJson((json as {data: unknown}).data)};
    },
  };
}

export const PayloadAttributesEvent = versioned(payloadAttributesEventType);

type LcUpdateName = "LightClientFinalityUpdate" | "LightClientOptimisticUpdate";
/** A light-client update in its fork's container (altair's for phase0, which has none). */
function lcType(name: LcUpdateName): (fork: ForkName) => JsonCodec<unknown> {
  return (fork) => (sszTypesFor(fork === "phase0" ? "altair" : fork) as unknown as Record<LcUpdateName, JsonCodec<unknown>>)[name];
}
export const LightClientFinalityUpdateEvent = versioned(lcType("LightClientFinalityUpdate"));
export const LightClientOptimisticUpdateEvent = versioned(lcType("LightClientOptimisticUpdate"));

export const BlobSidecarEvent = apiContainer("BlobSidecarEvent", {
  blockRoot: ssz.Root,
  index: ssz.BlobIndex,
  slot: ssz.Slot,
  kzgCommitment: ssz.KZGCommitment,
  versionedHash: ssz.VersionedHash,
});
export const DataColumnSidecarEvent = apiContainer("DataColumnSidecarEvent", {blockRoot: ssz.Root, index: ssz.UintNum64, slot: ssz.Slot});
