import type {CachedBeaconState} from "@hearth/state-transition";
import type {CaseId} from "../../types.js";

/**
 * One handler of the operations runner (tests/formats/operations/README.md): the input file's name,
 * the SSZ type it holds (looked up in the case fork's types), and the processing call.
 */
export interface OperationHandler {
  input: string;
  type: string;
  /** The first fork that has this operation. */
  since?: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  run(cs: CachedBeaconState, operation: any, c: CaseId, verifySignatures: boolean): void;
}
