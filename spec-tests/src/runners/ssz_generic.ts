import type {RunnerBinding} from "../types.js";

export const sszGeneric: RunnerBinding = {
  handler: () => null,
};
