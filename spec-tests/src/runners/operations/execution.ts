import {
  processBlsToExecutionChange,
  processConsolidationRequest,
  processDepositRequest,
  processExecutionPayload,
  processWithdrawalRequest,
  processWithdrawals,
  type ExecutionEngineVerdict,
} from "@hearth/state-transition";
import type {CaseId} from "../../types.js";
import {hasFile, readYaml} from "../../util/files.js";
import type {OperationHandler} from "./types.js";

/**
 * The mocked engine of the execution_payload cases: execution.yaml's execution_valid stands for the
 * whole of verify_and_notify_new_payload (tests/formats/operations/README.md).
 */
function engineOf(c: CaseId): ExecutionEngineVerdict {
  const execution = hasFile(c.dir, "execution.yaml") ? readYaml<{execution_valid?: boolean} | null>(c.dir, "execution") : null;
  const valid = execution?.execution_valid ?? true;
  return {verifyAndNotifyNewPayload: () => valid};
}

/** execution_payload, withdrawals, bls_to_execution_change and electra's execution requests. */
export const executionOperations: Record<string, OperationHandler> = {
  execution_payload: {
    input: "body",
    type: "BeaconBlockBody",
    since: "bellatrix",
    run: (cs, body, c) => processExecutionPayload(cs, body, {executionEngine: engineOf(c)}),
  },
  withdrawals: {
    input: "execution_payload",
    type: "ExecutionPayload",
    since: "capella",
    run: (cs, payload) => processWithdrawals(cs, payload),
  },
  bls_to_execution_change: {
    input: "address_change",
    type: "SignedBLSToExecutionChange",
    since: "capella",
    run: (cs, change, _c, verifySignatures) => processBlsToExecutionChange(cs, change, verifySignatures),
  },
  deposit_request: {
    input: "deposit_request",
    type: "DepositRequest",
    since: "electra",
    run: (cs, request) => processDepositRequest(cs, request),
  },
  withdrawal_request: {
    input: "withdrawal_request",
    type: "WithdrawalRequest",
    since: "electra",
    run: (cs, request) => processWithdrawalRequest(cs, request),
  },
  consolidation_request: {
    input: "consolidation_request",
    type: "ConsolidationRequest",
    since: "electra",
    run: (cs, request) => processConsolidationRequest(cs, request),
  },
};
