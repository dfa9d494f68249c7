import type {OperationHandler} from "./types.js";

/** block_header, attestation, slashings, deposit, voluntary_exit, sync_aggregate. */
export const coreOperations: Record<string, OperationHandler> = {};
