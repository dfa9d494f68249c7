import type {RunnerBinding} from "../types.js";

export const finality: RunnerBinding = {
  handler: () => null,
};
