import {CodedError} from "@hearth/params";
import type {ErrorDetail} from "../errors.js";

export enum RemoteSignerErrorCode {
  /** The remote signer could not be reached or did not answer in time. */
  UNREACHABLE = "REMOTE_SIGNER_UNREACHABLE",
  /** It answered with an error status (unknown key, its own slashing protection refused, …). */
  HTTP_ERROR = "REMOTE_SIGNER_HTTP_ERROR",
  /** It answered 200 with something that is not a valid signature of the request by the key. */
  INVALID_RESPONSE = "REMOTE_SIGNER_INVALID_RESPONSE",
}

export type RemoteSignerErrorDetail = ErrorDetail;

export class RemoteSignerError extends CodedError<RemoteSignerErrorCode, ErrorDetail> {}
