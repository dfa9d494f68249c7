// One generic fastify handler per route: negotiate the response format, read the arguments,
// call the implementation, write its result as the route's response describes.
import type {OutgoingHttpHeaders} from "node:http";
import type {FastifyReply, FastifyRequest} from "fastify";
import {isSszCodec, type Codec} from "../codecs/codec.js";
import {metaToHeaders, metaToJson, type AllMeta} from "../routes/meta.js";
import {serializeSszChunks, type DataCodec, type RouteDef} from "../routes/route.js";
import {ApiError} from "../utils/errors.js";
import type {Logger} from "../utils/logger.js";
import {JSON_MEDIA_TYPE, negotiateFormat, SSZ_MEDIA_TYPE, type ResponseFormat} from "../utils/mediaType.js";
import {parseArgs} from "./args.js";
import {sendError} from "./errors.js";

/** An implementation method, seen untyped: the route's codecs stand for the types. */
export type UntypedImpl = (args: Record<string, unknown>) => Promise<unknown>;

interface ImplOutput {
  data?: unknown;
  meta?: Partial<AllMeta>;
  status?: number;
}

export interface HandlerOptions {
  logger: Logger;
  stacktraces: boolean;
}

export function createRouteHandler(route: RouteDef, getImpl: () => UntypedImpl | undefined, opts: HandlerOptions) {
  const ctx = {operationId: route.operationId, stacktraces: opts.stacktraces};
  // resolves with the reply, so fastify waits for a streamed body rather than ending the response
  return async function handle(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    try {
      const format = route.response.kind === "data" ? negotiateFormat(req.headers.accept, route.response.ssz) : "json";
      if (format === null) {
        throw new ApiError(406, `Accepted media type not supported: ${route.operationId} serves ${JSON_MEDIA_TYPE}${route.response.ssz ? ` or ${SSZ_MEDIA_TYPE}` : ""}`);
      }
      const args = parseArgs(route, req);
      const impl = getImpl();
      if (impl === undefined) throw new ApiError(501, `${route.operationId} is not implemented`);
      const output = ((await impl(args)) ?? {}) as ImplOutput;
      writeResponse(route, output, format, reply, opts.logger);
    } catch (e) {
      sendError(reply, e, opts.logger, ctx);
    }
    return reply;
  };
}

function resolveDataCodec(data: DataCodec<unknown, unknown> | undefined, meta: Partial<AllMeta>, operationId: string): Codec<unknown> {
  if (data === undefined) throw new Error(`${operationId} has no data codec`);
  return typeof data === "function" ? data(meta) : data;
}

/** Chunks written but not yet known to be flushed: the socket's backpressure, and what bounds memory. */
const CHUNKS_IN_FLIGHT = 2;

/**
 * `{...meta, "data": <chunks>}` written straight to the socket, each chunk passed back to its
 * producer (next(chunk)) once written out so that a large body reuses a few buffers instead of
 * allocating hundreds of megabytes (see validatorsJsonChunks).
 */
async function streamJson(reply: FastifyReply, status: number, prefix: string, chunks: Iterable<string | Uint8Array>, logger: Logger): Promise<void> {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(status, {...(reply.getHeaders() as OutgoingHttpHeaders), "content-type": JSON_MEDIA_TYPE});
  const closed = new Promise<void>((resolve) => res.once("close", resolve));
  const write = (chunk: string | Uint8Array): Promise<void> => new Promise((resolve, reject) => res.write(chunk, (err) => (err ? reject(err) : resolve())));
  const iterator = chunks[Symbol.iterator]() as Iterator<string | Uint8Array, unknown, Uint8Array | undefined>;
  const inFlight: {chunk: string | Uint8Array; written: Promise<void>}[] = [];
  try {
    void write(prefix).catch(() => {});
    let recycled: Uint8Array | undefined;
    for (let next = iterator.next(); !next.done; next = iterator.next(recycled)) {
      recycled = undefined;
      inFlight.push({chunk: next.value, written: write(next.value)});
      if (inFlight.length < CHUNKS_IN_FLIGHT) continue;
      const oldest = inFlight.shift() as (typeof inFlight)[number];
      await Promise.race([oldest.written, closed]);
      if (res.destroyed) return;
      if (typeof oldest.chunk !== "string") recycled = oldest.chunk;
    }
    res.end("}");
  } catch (e) {
    // the status line is out: all that is left is to cut the response short
    logger.warn("Streamed response failed", {error: (e as Error).message});
    res.destroy();
  } finally {
    iterator.return?.();
  }
}

function writeResponse(route: RouteDef, output: ImplOutput, format: ResponseFormat, reply: FastifyReply, logger: Logger): void {
  const {response} = route;
  if (response.kind === "status") {
    if (typeof output.data !== "number") throw new Error(`${route.operationId} returned no status`);
    void reply.code(output.data).send();
    return;
  }
  const status = output.status ?? 200;
  if (!response.okStatuses.includes(status)) throw new Error(`${route.operationId} returned status ${status}`);
  if (response.kind === "empty") {
    void reply.code(status).send();
    return;
  }
  if (output.data === undefined) throw new Error(`${route.operationId} returned no data`);
  const meta = output.meta ?? {};
  const codec = resolveDataCodec(response.data, meta, route.operationId);
  void reply.code(status).headers(metaToHeaders(response.meta, meta));
  if (format === "ssz" && response.sszChunks !== undefined) {
    const bytes = serializeSszChunks(response.sszChunks(output.data));
    void reply.type(SSZ_MEDIA_TYPE).send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return;
  }
  if (format === "ssz") {
    if (!isSszCodec(codec)) throw new Error(`${route.operationId} has no SSZ codec`);
    const bytes = codec.serialize(output.data);
    void reply.type(SSZ_MEDIA_TYPE).send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return;
  }
  if (response.unwrapped) {
    void reply.type(JSON_MEDIA_TYPE).send(JSON.stringify(codec.toJson(output.data)));
    return;
  }
  if (response.jsonDataChunks !== undefined && response.jsonExtra === undefined) {
    // `{...meta, "data": <chunks>}`: the meta's JSON less its closing brace, then the data streamed
    const head = JSON.stringify(metaToJson(response.meta, meta));
    const prefix = `${head.slice(0, -1)}${head === "{}" ? "" : ","}"data":`;
    void streamJson(reply, status, prefix, response.jsonDataChunks(output.data), logger);
    return;
  }
  const body = {
    ...metaToJson(response.meta, meta),
    data: codec.toJson(output.data),
    ...response.jsonExtra?.(output.data),
  };
  void reply.type(JSON_MEDIA_TYPE).send(JSON.stringify(body));
}
