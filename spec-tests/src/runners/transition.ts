import type {RunnerBinding} from "../types.js";

export const transition: RunnerBinding = {
  handler: () => null,
};
