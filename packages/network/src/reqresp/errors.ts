// Why an outbound request failed. Callers (sync, the peer manager) switch on `code`; req/resp has
// already penalised the peer for protocol faults (malformed responses, timeouts) by the time they see it.
import type {SszSnappyErrorCode} from "../encoding/errors.js";
import type {RespCode} from "./interface.js";

export enum RequestErrorCode {
  /** No connection or the peer does not speak any version of the protocol. */
  DIAL_FAILED = "REQUEST_DIAL_FAILED",
  /** Writing the request failed (stream reset). */
  WRITE_FAILED = "REQUEST_WRITE_FAILED",
  /** No response byte within the time-to-first-byte timeout. */
  TTFB_TIMEOUT = "REQUEST_TTFB_TIMEOUT",
  /** A response chunk took longer than the response timeout. */
  RESP_TIMEOUT = "REQUEST_RESP_TIMEOUT",
  /** The peer answered with an error code (detail: respCode, errorMessage). */
  ERROR_RESPONSE = "REQUEST_ERROR_RESPONSE",
  /** A chunk failed ssz_snappy decoding (detail: sszSnappyCode). */
  INVALID_RESPONSE = "REQUEST_INVALID_RESPONSE",
  /** Context bytes named no fork of our chain, or a fork without the response type. */
  UNKNOWN_CONTEXT_BYTES = "REQUEST_UNKNOWN_CONTEXT_BYTES",
  /** Decoded fine but violates the request: block outside the range, unrequested root, wrong order. */
  UNEXPECTED_RESPONSE = "REQUEST_UNEXPECTED_RESPONSE",
  /** A single-response protocol ended without its chunk. */
  EMPTY_RESPONSE = "REQUEST_EMPTY_RESPONSE",
  /** The stream failed while reading (reset by the peer). */
  STREAM_ERROR = "REQUEST_STREAM_ERROR",
}

export interface RequestErrorDetail {
  peerId: string;
  protocol: string;
  respCode?: RespCode;
  errorMessage?: string;
  sszSnappyCode?: SszSnappyErrorCode;
  reason?: string;
}

export class RequestError extends Error {
  constructor(
    readonly code: RequestErrorCode,
    readonly detail: RequestErrorDetail
  ) {
    super(`${code} ${JSON.stringify(detail)}`);
    this.name = "RequestError";
  }
}
