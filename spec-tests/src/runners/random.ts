// random (tests/formats/random/): randomized states and blocks, in the sanity blocks format.
import type {RunnerBinding} from "../types.js";
import {runBlocksCase} from "./sanity.js";

export const random: RunnerBinding = {
  handler: (handler) => (handler === "random" ? runBlocksCase : null),
};
