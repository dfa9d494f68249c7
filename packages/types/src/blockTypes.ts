import type {ContainerType} from "@chainsafe/ssz";
import {container} from "./container.js";
import * as p from "./primitive.js";

/**
 * BeaconBlockBody, BeaconBlock and SignedBeaconBlock of a fork: only the body's fields change from
 * fork to fork, the block and its signed envelope are the same around it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function blockTypes<F extends Record<string, any>>(bodyFields: F) {
  const BeaconBlockBody: ContainerType<F> = container("BeaconBlockBody", bodyFields);
  const BeaconBlock = container("BeaconBlock", {
    slot: p.Slot,
    proposerIndex: p.ValidatorIndex,
    parentRoot: p.Root,
    stateRoot: p.Root,
    body: BeaconBlockBody,
  });
  const SignedBeaconBlock = container("SignedBeaconBlock", {message: BeaconBlock, signature: p.BLSSignature});
  return {BeaconBlockBody, BeaconBlock, SignedBeaconBlock};
}
