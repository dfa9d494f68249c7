import type {RunnerBinding} from "../types.js";

export const sszStatic: RunnerBinding = {
  handler: () => null,
};
