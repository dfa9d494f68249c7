import {CodedError} from "@hearth/params";

export enum ExecutionEngineErrorCode {
  /** The engine answered with an HTTP status other than 2xx (401/403: the JWT was refused). */
  HTTP_ERROR = "EXECUTION_ENGINE_ERROR_HTTP_ERROR",
  /** The engine answered with a JSON-RPC error object (e.g. -38001 Unknown payload). */
  RPC_ERROR = "EXECUTION_ENGINE_ERROR_RPC_ERROR",
  /** No answer within the method's timeout. */
  TIMEOUT = "EXECUTION_ENGINE_ERROR_TIMEOUT",
  /** The connection failed: refused, reset, DNS. */
  UNREACHABLE = "EXECUTION_ENGINE_ERROR_UNREACHABLE",
  /** The answer is not the JSON-RPC response or the structure the method promises. */
  MALFORMED_RESPONSE = "EXECUTION_ENGINE_ERROR_MALFORMED_RESPONSE",
  /** The caller asked for something the engine API has no method for (a pre-merge fork, a missing field). */
  INVALID_REQUEST = "EXECUTION_ENGINE_ERROR_INVALID_REQUEST",
  /** The JWT secret file cannot be read. */
  JWT_SECRET_UNREADABLE = "EXECUTION_ENGINE_ERROR_JWT_SECRET_UNREADABLE",
  /** The JWT secret is not 32 bytes of hex. */
  JWT_SECRET_INVALID = "EXECUTION_ENGINE_ERROR_JWT_SECRET_INVALID",
  /** A JWT token fails verification (format, algorithm, signature, iat). */
  JWT_INVALID = "EXECUTION_ENGINE_ERROR_JWT_INVALID",
}

export interface ExecutionEngineErrorDetail {
  method?: string;
  url?: string;
  status?: number;
  /** JSON-RPC error code, e.g. -38001. */
  rpcCode?: number;
  reason?: string;
  timeoutMs?: number;
  path?: string;
  fork?: string;
}

/** Error codes the engine API defines (execution-apis src/engine/common.md "Errors"). */
export const ENGINE_RPC_ERROR = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  SERVER_ERROR: -32000,
  UNKNOWN_PAYLOAD: -38001,
  INVALID_FORKCHOICE_STATE: -38002,
  INVALID_PAYLOAD_ATTRIBUTES: -38003,
  TOO_LARGE_REQUEST: -38004,
  UNSUPPORTED_FORK: -38005,
  TOO_DEEP_REORG: -38006,
} as const;

/** A failed engine API call or bad engine configuration. Never thrown for a payload the engine judged INVALID: that is a status. */
export class ExecutionEngineError extends CodedError<ExecutionEngineErrorCode, ExecutionEngineErrorDetail> {}

export function isExecutionEngineError(e: unknown, code?: ExecutionEngineErrorCode): e is ExecutionEngineError {
  return e instanceof ExecutionEngineError && (code === undefined || e.code === code);
}

export function errorReason(e: unknown): string {
  if (e instanceof Error) {
    // fetch wraps the socket error ("ECONNREFUSED ...") in a bare "fetch failed".
    const cause = (e as {cause?: unknown}).cause;
    return cause instanceof Error ? `${e.message}: ${cause.message}` : e.message;
  }
  return String(e);
}
