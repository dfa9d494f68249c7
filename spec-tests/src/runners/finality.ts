// finality (tests/formats/finality/): blocks that justify and finalize checkpoints, in the sanity
// blocks format.
import type {RunnerBinding} from "../types.js";
import {runBlocksCase} from "./sanity.js";

export const finality: RunnerBinding = {
  handler: (handler) => (handler === "finality" ? runBlocksCase : null),
};
