import {CodedError} from "@hearth/params";
import type {ErrorDetail} from "../errors.js";

export enum DoppelgangerErrorCode {
  /** The key is still being watched for another instance; it signs nothing until the watch ends. */
  PENDING = "DOPPELGANGER_PENDING",
  /** The key was seen live on chain while this client had not signed: another instance runs it. */
  DETECTED = "DOPPELGANGER_DETECTED",
  /** The key was never registered with doppelganger protection. */
  UNKNOWN_KEY = "DOPPELGANGER_UNKNOWN_KEY",
}

export type DoppelgangerErrorDetail = ErrorDetail;

export class DoppelgangerError extends CodedError<DoppelgangerErrorCode, ErrorDetail> {}
