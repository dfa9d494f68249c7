import type {RunnerBinding} from "../types.js";

export const epochProcessing: RunnerBinding = {
  handler: () => null,
};
