// /eth/v2/debug/* (beacon-APIs apis/debug).
import type {ForkName} from "@hearth/params";
import {sszTypesFor} from "@hearth/types";
import type {SszCodec} from "../codecs/codec.js";
import {blockIdParam, listParam, stateIdParam, uintParam} from "../codecs/params.js";
import {ChainHeads, DataColumnSidecars, ForkChoiceDump} from "../types/debug.js";
import type {AnyBeaconState} from "../types/forks.js";
import {byFork, dataResponse, defineRoute, implMayReturn, optionalQueryArg, pathArg} from "./route.js";

/** A tree-backed state (a ViewDU): the server serializes it from its tree, without a copy. */
export interface BeaconStateView {
  serialize(): Uint8Array;
  toValue(): unknown;
}

function isView(state: AnyBeaconState | BeaconStateView): state is BeaconStateView {
  return typeof (state as Partial<BeaconStateView>).toValue === "function";
}

function stateCodec(fork: ForkName): SszCodec<AnyBeaconState> {
  const type = sszTypesFor(fork).BeaconState as unknown as SszCodec<AnyBeaconState>;
  const asValue = (s: AnyBeaconState | BeaconStateView): AnyBeaconState => (isView(s) ? (s.toValue() as AnyBeaconState) : s);
  return {
    toJson: (s) => type.toJson(asValue(s)),
    fromJson: (json) => type.fromJson(json),
    serialize: (s) => (isView(s) ? s.serialize() : type.serialize(s)),
    deserialize: (bytes) => type.deserialize(bytes),
  };
}


export const debugRoutes = {
  /** The whole state; the implementation may return its tree view, the client reads a value. */
  getStateV2: defineRoute({
    operationId: "getStateV2",
    method: "GET",
    path: "/eth/v2/debug/beacon/states/{state_id}",
    args: {stateId: pathArg("state_id", stateIdParam)},
    response: implMayReturn<BeaconStateView>()(
      dataResponse(byFork(stateCodec), {meta: ["version", "executionOptimistic", "finalized"], ssz: true}),
    ),
  }),
  /** The leaves of fork choice's block tree. */
  getDebugChainHeadsV2: defineRoute({
    operationId: "getDebugChainHeadsV2",
    method: "GET",
    path: "/eth/v2/debug/beacon/heads",
    args: {},
    response: dataResponse(ChainHeads),
  }),
  /** Every proto-array node with the store's checkpoints; the body has no `data` wrapper. */
  getDebugForkChoice: defineRoute({
    operationId: "getDebugForkChoice",
    method: "GET",
    path: "/eth/v1/debug/fork_choice",
    args: {},
    response: dataResponse(ForkChoiceDump, {unwrapped: true}),
  }),
  getDebugDataColumnSidecars: defineRoute({
    operationId: "getDebugDataColumnSidecars",
    method: "GET",
    path: "/eth/v1/debug/beacon/data_column_sidecars/{block_id}",
    args: {blockId: pathArg("block_id", blockIdParam), indices: optionalQueryArg("indices", listParam(uintParam))},
    response: dataResponse(DataColumnSidecars, {meta: ["version", "executionOptimistic", "finalized"], ssz: true}),
  }),
};
