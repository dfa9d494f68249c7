// /eth/v2/debug/* (beacon-APIs apis/debug).
import type {ForkName} from "@hearth/params";
import {sszTypesFor} from "@hearth/types";
import type {SszCodec} from "../codecs/codec.js";
import {stateIdParam} from "../codecs/params.js";
import type {AnyBeaconState} from "../types/forks.js";
import {byFork, dataResponse, defineRoute, implMayReturn, pathArg} from "./route.js";

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
};
