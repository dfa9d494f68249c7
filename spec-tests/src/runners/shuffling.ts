import type {RunnerBinding} from "../types.js";

export const shuffling: RunnerBinding = {
  handler: () => null,
};
