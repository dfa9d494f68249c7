import {CodedError} from "@hearth/params";

export enum BlsErrorCode {
  /** Secret key bytes are not 32 bytes, or not a scalar in [1, r). */
  INVALID_SECRET_KEY = "BLS_ERROR_INVALID_SECRET_KEY",
  /** Key material given to keygen is too short (at least 32 bytes are required). */
  INVALID_IKM = "BLS_ERROR_INVALID_IKM",
  /** Public key bytes fail KeyValidate: wrong length, not a G1 point, not in the subgroup, or infinity. */
  INVALID_PUBKEY = "BLS_ERROR_INVALID_PUBKEY",
  /** Signature bytes are not the compressed encoding of a point of the G2 subgroup. */
  INVALID_SIGNATURE = "BLS_ERROR_INVALID_SIGNATURE",
  /** Aggregation of an empty list, which has no defined result. */
  EMPTY_AGGREGATE = "BLS_ERROR_EMPTY_AGGREGATE",
}

export interface BlsErrorDetail {
  /** What blst reported, when the rejection came from it. */
  reason?: string;
  length?: number;
  /** Position of the offending item in a list input. */
  index?: number;
}

/** Bad BLS input. Thrown by constructors and aggregations; verify functions return false instead. */
export class BlsError extends CodedError<BlsErrorCode, BlsErrorDetail> {}

/** The message of whatever blst threw, for an error's detail. */
export {errorMessage as blstReason} from "@hearth/params";
