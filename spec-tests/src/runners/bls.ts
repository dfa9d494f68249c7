import type {RunnerBinding} from "../types.js";

export const bls: RunnerBinding = {
  handler: () => null,
};
