import type {RunnerBinding} from "../types.js";

export const fork: RunnerBinding = {
  handler: () => null,
};
