import {CodedError} from "@hearth/params";

/** One failed item of a list submission, as the spec's IndexedErrorMessage reports it. */
export interface IndexedFailure {
  index: number;
  message: string;
}

/**
 * An error with the HTTP status it should be answered with. An implementation throws it for
 * expected failures (unknown state → 404, bad item → 400); the server sends `{code, message}`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Per-item failures of a list submission (the spec's IndexedErrorMessage). */
    readonly failures?: IndexedFailure[],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export enum ApiClientErrorCode {
  /** The server answered with a status the route does not count as success. */
  HTTP_ERROR = "API_CLIENT_ERROR_HTTP_ERROR",
  /** No answer within the client's timeout. */
  TIMEOUT = "API_CLIENT_ERROR_TIMEOUT",
  /** The request did not reach any server (refused, reset, DNS, …). */
  NETWORK = "API_CLIENT_ERROR_NETWORK",
  /** The server answered 2xx with a body the route's codec cannot read. */
  INVALID_RESPONSE = "API_CLIENT_ERROR_INVALID_RESPONSE",
  /** The caller passed arguments the route cannot encode. */
  INVALID_REQUEST = "API_CLIENT_ERROR_INVALID_REQUEST",
  /** The caller aborted the request. */
  ABORTED = "API_CLIENT_ERROR_ABORTED",
}

export interface ApiClientErrorDetail {
  operationId: string;
  url?: string;
  /** HTTP status, when the server answered. */
  status?: number;
  /** The server's error message, or the local reason. */
  reason?: string;
  failures?: IndexedFailure[];
}

/** A failed call of the typed client. `status` is the HTTP status when the server answered. */
export class ApiClientError extends CodedError<ApiClientErrorCode, ApiClientErrorDetail> {
  readonly status: number | undefined;
  constructor(code: ApiClientErrorCode, detail: ApiClientErrorDetail) {
    const where = detail.status !== undefined ? ` ${detail.status}` : "";
    super(code, detail, `${detail.operationId} failed${where}: ${detail.reason ?? code}`);
    this.status = detail.status;
  }
}
