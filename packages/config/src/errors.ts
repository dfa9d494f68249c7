import {CodedError} from "@hearth/params";

export enum ChainConfigErrorCode {
  /** The text is not YAML, or not a mapping of keys to values. */
  INVALID_YAML = "CHAIN_CONFIG_INVALID_YAML",
  /** A key holds a value of the wrong form or range. */
  INVALID_VALUE = "CHAIN_CONFIG_INVALID_VALUE",
  /** A key that has no safe default is absent. */
  MISSING_KEY = "CHAIN_CONFIG_MISSING_KEY",
  /** Values that are individually fine contradict each other (e.g. fork epochs out of order). */
  INCONSISTENT = "CHAIN_CONFIG_INCONSISTENT",
  /** The config file could not be read. */
  READ_FAILED = "CHAIN_CONFIG_READ_FAILED",
}

/**
 * A config that cannot be used. `key` names the offending config key where there is one. The message
 * is worded for the operator (and wrapped with the file's path), so it does not start with the code.
 */
export class ChainConfigError extends CodedError<ChainConfigErrorCode, {key?: string}> {
  constructor(
    code: ChainConfigErrorCode,
    message: string,
    readonly key?: string,
  ) {
    super(code, {key}, message);
  }
}
