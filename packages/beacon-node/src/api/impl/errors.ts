// The chain's typed errors as HTTP answers: what the caller got wrong is a 400 (with the chain's
// error code in the message, so a validator client's log says why), what the node cannot do right
// now is a 503, and anything else stays an unexpected error (the server answers 500 and logs it).
import {ApiError, type IndexedFailure, type Logger} from "@hearth/api";
import {BlockError, BlockErrorCode, ChainError, ChainErrorCode, OpError, OpErrorCode} from "../../chain/index.js";

const UNAVAILABLE_BLOCK_CODES: ReadonlySet<BlockErrorCode> = new Set([BlockErrorCode.EXECUTION_ENGINE_ERROR, BlockErrorCode.PRESTATE_MISSING]);

/** The ApiError standing for `e`, or null when `e` is not an expected failure. */
export function toApiError(e: unknown): ApiError | null {
  if (e instanceof ApiError) return e;
  if (e instanceof BlockError) return new ApiError(UNAVAILABLE_BLOCK_CODES.has(e.code) ? 503 : 400, `Block rejected: ${e.message}`);
  if (e instanceof OpError) return new ApiError(400, e.message);
  if (e instanceof ChainError) {
    switch (e.code) {
      case ChainErrorCode.SLOT_OUT_OF_RANGE:
      case ChainErrorCode.UNKNOWN:
        return new ApiError(400, e.message);
      case ChainErrorCode.STATE_UNAVAILABLE:
      case ChainErrorCode.EXECUTION_ENGINE_ERROR:
      case ChainErrorCode.NO_ANCHOR:
        return new ApiError(503, e.message);
      case ChainErrorCode.PRODUCED_BLOCK_INVALID:
        return null;
    }
  }
  return null;
}

/** Runs `fn`, answering the chain's expected failures with their HTTP status. */
export async function withApiErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toApiError(e) ?? e;
  }
}

/** Offers one operation to the chain: like submitEach, an operation the pool already holds is taken as accepted. */
export async function submitOne(submit: () => unknown): Promise<void> {
  try {
    await submit();
  } catch (e) {
    if (e instanceof OpError && e.code === OpErrorCode.ALREADY_KNOWN) return;
    throw toApiError(e) ?? e;
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Offers every item of a list submission to `submit`; the failed ones are answered together as
 * the spec's IndexedErrorMessage (400 with `failures`), after the good ones were all taken. An
 * item the pool already holds is not a failure: resubmitting is how clients retry.
 */
export async function submitEach<T>(
  items: readonly T[],
  what: string,
  logger: Logger,
  submit: (item: T) => unknown
): Promise<void> {
  const failures: IndexedFailure[] = [];
  for (let index = 0; index < items.length; index++) {
    try {
      await submit(items[index]);
    } catch (e) {
      if (e instanceof OpError && e.code === OpErrorCode.ALREADY_KNOWN) continue;
      const known = toApiError(e);
      if (known === null) logger.warn(`Unexpected error submitting ${what}`, {index, error: messageOf(e)});
      failures.push({index, message: known?.message ?? messageOf(e)});
    }
  }
  if (failures.length > 0) {
    throw new ApiError(400, `${failures.length} of ${items.length} ${what} failed validation`, failures);
  }
}
