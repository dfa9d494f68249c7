// Set the native hasher before any type is built or hashed.
import "./hasher.js";
import type {ForkName} from "@hearth/params";
import * as phase0 from "./phase0.js";
import * as altair from "./altair.js";
import * as bellatrix from "./bellatrix.js";
import * as capella from "./capella.js";
import * as deneb from "./deneb.js";
import * as electra from "./electra.js";
import * as fulu from "./fulu.js";

export * as ssz from "./primitive.js";
export * from "./primitive.js";
export {phase0, altair, bellatrix, capella, deneb, electra, fulu};

/** Every fork's type namespace: each holds all types in force at that fork, carried over or new. */
export const sszTypesByFork = {phase0, altair, bellatrix, capella, deneb, electra, fulu} as const;
export type SszTypesByFork = typeof sszTypesByFork;

/** The SSZ types in force at `fork`, e.g. sszTypesFor("deneb").BeaconState. */
export function sszTypesFor<F extends ForkName>(fork: F): SszTypesByFork[F] {
  return sszTypesByFork[fork];
}
export {ExactUintNum64Type} from "./uint64.js";
export * as p2p from "./p2p.js";
