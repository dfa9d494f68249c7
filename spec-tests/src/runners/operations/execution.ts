import type {OperationHandler} from "./types.js";

/** execution_payload, withdrawals, bls_to_execution_change and electra's execution requests. */
export const executionOperations: Record<string, OperationHandler> = {};
