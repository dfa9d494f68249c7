import type {RunnerBinding} from "../types.js";

export const genesis: RunnerBinding = {
  handler: () => null,
};
