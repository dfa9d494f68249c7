import type {FastifyReply} from "fastify";
import {ApiError} from "../utils/errors.js";
import type {Logger} from "../utils/logger.js";

/** The spec's error body (types/http.yaml ErrorMessage, IndexedErrorMessage). */
export interface ErrorBody {
  code: number;
  message: string;
  failures?: {index: number; message: string}[];
  stacktraces?: string[];
}

/**
 * Answers `error` in the spec's shape. ApiErrors and fastify's own 4xx (body too large, …) are
 * the client's fault and answered as they are; anything else is a bug: logged, answered 500.
 */
export function sendError(reply: FastifyReply, error: unknown, logger: Logger, ctx: {operationId: string; stacktraces: boolean}): void {
  const body = errorBody(error, ctx.stacktraces);
  if (body.code >= 500) {
    logger.error("Beacon API request failed", {
      operationId: ctx.operationId,
      status: body.code,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  } else {
    logger.debug("Beacon API request rejected", {operationId: ctx.operationId, status: body.code, message: body.message});
  }
  if (reply.sent) return;
  void reply.code(body.code).type("application/json").send(JSON.stringify(body));
}

function errorBody(error: unknown, stacktraces: boolean): ErrorBody {
  if (error instanceof ApiError) {
    const body: ErrorBody = {code: error.status, message: error.message};
    if (error.failures !== undefined) body.failures = error.failures;
    return body;
  }
  const status = (error as {statusCode?: unknown} | null)?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return {code: status, message: (error as Error).message};
  }
  const message = error instanceof Error ? error.message : String(error);
  const body: ErrorBody = {code: 500, message: `Internal server error: ${message}`};
  if (stacktraces && error instanceof Error && error.stack !== undefined) body.stacktraces = [error.stack];
  return body;
}
