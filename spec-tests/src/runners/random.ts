import type {RunnerBinding} from "../types.js";

export const random: RunnerBinding = {
  handler: () => null,
};
