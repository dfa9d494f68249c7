import type {RunnerBinding} from "../types.js";

export const merkleProof: RunnerBinding = {
  handler: () => null,
};
