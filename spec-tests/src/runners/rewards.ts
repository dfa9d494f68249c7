import type {RunnerBinding} from "../types.js";

export const rewards: RunnerBinding = {
  handler: () => null,
};
