import {CodedError} from "@hearth/params";

/** What the validator package's errors carry: scalars that read well as "CODE (k=v, …)". */
export type ErrorDetail = Record<string, string | number | boolean | undefined>;

export enum ValidatorErrorCode {
  /** A message is signed for a fork other than the one the chain config puts at its epoch. */
  FORK_MISMATCH = "VALIDATOR_ERROR_FORK_MISMATCH",
  /** The beacon node answered with something that does not fit the request (wrong slot, proposer, fork). */
  UNEXPECTED_RESPONSE = "VALIDATOR_ERROR_UNEXPECTED_RESPONSE",
  /** The beacon node runs another preset than this process was built for. */
  PRESET_MISMATCH = "VALIDATOR_ERROR_PRESET_MISMATCH",
  /** A signer was asked for a key it does not hold, or two signers hold the same key. */
  UNKNOWN_KEY = "VALIDATOR_ERROR_UNKNOWN_KEY",
}

export type ValidatorErrorDetail = ErrorDetail;

/** An expected failure of a duty; the duty is skipped with a log line, the client keeps running. */
export class ValidatorError extends CodedError<ValidatorErrorCode, ErrorDetail> {}
