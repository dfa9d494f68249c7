// GET /eth/v1/events: server-sent events. Each event is written as `event: <topic>` and
// `data: <json>` lines; the stream lasts until the client disconnects or the server closes.
import type {FastifyReply, FastifyRequest} from "fastify";
import {eventstreamRoute, type EventstreamImpl} from "../routes/events.js";
import {eventCodecs, type BeaconEvent, type EventTopic} from "../types/events.js";
import {ApiError} from "../utils/errors.js";
import type {Logger} from "../utils/logger.js";
import {parseArgs} from "./args.js";
import {sendError} from "./errors.js";

export interface EventstreamOptions {
  logger: Logger;
  stacktraces: boolean;
  /** Open streams, so that closing the server can end them. */
  open: Set<AbortController>;
  /** A comment line this often keeps idle streams open through client and proxy idle timeouts. */
  heartbeatMs: number;
}

/** The SSE frame of one event. */
export function formatEvent(event: BeaconEvent): string {
  const json = (eventCodecs[event.type] as {toJson(v: unknown): unknown}).toJson(event.message);
  return `event: ${event.type}\ndata: ${JSON.stringify(json)}\n\n`;
}

export function createEventstreamHandler(getImpl: () => EventstreamImpl["eventstream"] | undefined, opts: EventstreamOptions) {
  const ctx = {operationId: eventstreamRoute.operationId, stacktraces: opts.stacktraces};
  return async function handle(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    let topics: EventTopic[];
    const impl = getImpl();
    try {
      topics = parseArgs(eventstreamRoute, req).topics as EventTopic[];
      if (topics.length === 0) throw new ApiError(400, "Invalid query param topics: no topic given");
      if (impl === undefined) throw new ApiError(501, "eventstream is not implemented");
    } catch (e) {
      sendError(reply, e, opts.logger, ctx);
      return;
    }
    const controller = new AbortController();
    opts.open.add(controller);
    reply.hijack();
    const res = reply.raw;
    res.on("close", () => controller.abort());
    res.writeHead(200, {
      "Content-Type": "text/event-stream",
      "Cache-Control": "no-cache",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    });
    res.flushHeaders();
    const wanted = new Set(topics);
    const heartbeat = setInterval(() => res.write(":\n\n"), opts.heartbeatMs);
    heartbeat.unref();
    try {
      for await (const event of impl({topics, signal: controller.signal})) {
        if (controller.signal.aborted) break;
        if (!wanted.has(event.type)) continue;
        if (!res.write(formatEvent(event))) await drained(res, controller.signal);
      }
    } catch (e) {
      if (!controller.signal.aborted) opts.logger.warn("Event stream ended by error", {error: (e as Error).message});
    } finally {
      clearInterval(heartbeat);
      opts.open.delete(controller);
      controller.abort();
      if (!res.writableEnded) res.end();
    }
  };
}

function drained(res: NodeJS.WritableStream, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off("drain", done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    res.once("drain", done);
    signal.addEventListener("abort", done, {once: true});
  });
}
