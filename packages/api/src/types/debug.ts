// Debug namespace shapes (beacon-APIs apis/debug, types/fork_choice.yaml).
import {ListCompositeType, type ValueOf} from "@chainsafe/ssz";
import {fulu, phase0, ssz} from "@hearth/types";
import {jsonArray, jsonEnum, jsonObject, jsonRecord, optional, type ObjectValue} from "../codecs/json.js";
import {API_LIST_LIMIT, apiContainer} from "./container.js";

export const ChainHead = apiContainer("ChainHead", {root: ssz.Root, slot: ssz.Slot, executionOptimistic: ssz.Boolean});
export type ChainHead = ValueOf<typeof ChainHead>;
export const ChainHeads = new ListCompositeType(ChainHead, API_LIST_LIMIT);

export const FORK_CHOICE_VALIDITIES = ["valid", "invalid", "optimistic"] as const;
const ForkChoiceNodeCore = apiContainer("ForkChoiceNodeCore", {
  slot: ssz.Slot,
  blockRoot: ssz.Root,
  parentRoot: ssz.Root,
  justifiedEpoch: ssz.Epoch,
  finalizedEpoch: ssz.Epoch,
  weight: ssz.UintNum64,
  executionBlockHash: ssz.Root,
});
const forkChoiceNodeFields = {
  core: ForkChoiceNodeCore,
  validity: jsonEnum(FORK_CHOICE_VALIDITIES),
  extraData: optional(jsonRecord),
};
type ForkChoiceNodeValue = ObjectValue<typeof forkChoiceNodeFields>;
/** A proto-array node: the core fields flat beside validity and extra_data, as the spec lists them. */
export type ForkChoiceNode = ValueOf<typeof ForkChoiceNodeCore> & Omit<ForkChoiceNodeValue, "core">;
export const ForkChoiceNodeJson = {
  toJson: (n: ForkChoiceNode): unknown => ({
    ...(ForkChoiceNodeCore.toJson(n) as object),
    validity: n.validity,
    ...(n.extraData !== undefined ? {extra_data: n.extraData} : {}),
  }),
  fromJson(json: unknown): ForkChoiceNode {
    const core = ForkChoiceNodeCore.fromJson(json);
    const rest = jsonObject({validity: jsonEnum(FORK_CHOICE_VALIDITIES), extraData: optional(jsonRecord)}).fromJson(json);
    return {...core, ...rest};
  },
};

const forkChoiceFields = {
  justifiedCheckpoint: phase0.Checkpoint,
  finalizedCheckpoint: phase0.Checkpoint,
  forkChoiceNodes: jsonArray(ForkChoiceNodeJson),
  extraData: optional(jsonRecord),
};
export type ForkChoiceDump = ObjectValue<typeof forkChoiceFields>;
/** getDebugForkChoice answers at the top level, without a `data` key. */
export const ForkChoiceDump = jsonObject(forkChoiceFields);

export const DataColumnSidecars = new ListCompositeType(fulu.DataColumnSidecar, API_LIST_LIMIT);
