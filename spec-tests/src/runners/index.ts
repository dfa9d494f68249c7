import type {RunnerBinding} from "../types.js";
import {bls} from "./bls.js";
import {sszGeneric} from "./ssz_generic.js";
import {sszStatic} from "./ssz_static.js";
import {shuffling} from "./shuffling.js";

/** Spec-test runner directory name → our binding. A runner missing here is counted as not run. */
export const RUNNERS: Record<string, RunnerBinding> = {
  bls,
  ssz_generic: sszGeneric,
  ssz_static: sszStatic,
  shuffling,
};
