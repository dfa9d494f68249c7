// Serving one inbound req/resp stream: read and validate the request, charge the rate limiter,
// run the node's handler, write its chunks. Every peer fault becomes an error chunk and a PeerAction;
// nothing a peer sends can throw out of here.
import type {Stream} from "@libp2p/interface";
import type {BeaconConfig} from "@hearth/config";
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {BufferedSource} from "../encoding/bufferedSource.js";
import {SszSnappyError, SszSnappyErrorCode} from "../encoding/errors.js";
import {readSszSnappyRequest} from "../encoding/sszSnappy.js";
import {PeerAction} from "../peers/score.js";
import {encodeErrorChunk, encodeSuccessChunk} from "./chunks.js";
import {RespCode, ResponseError, type AnyStatus, type ReqRespHandlers, type ReqRespLogger, type ResponseChunk} from "./interface.js";
import {planRequest, type RequestPlan} from "./limits.js";
import {ReqRespMethod, type Protocol} from "./protocols.js";
import type {RateLimiter} from "./rateLimiter.js";
import type {p2p} from "@hearth/types";

/** MAX_CONCURRENT_REQUESTS (phase0 p2p config): streams per protocol a peer may have open with us. */
export const MAX_CONCURRENT_REQUESTS = 2;

export interface InboundContext {
  config: BeaconConfig;
  handlers: ReqRespHandlers;
  logger: ReqRespLogger;
  rateLimiter: RateLimiter;
  currentEpoch(): number;
  /** Time the requester has to send its whole request. */
  requestTimeoutMs: number;
  reportPeer(peerId: string, action: PeerAction, reason: string): void;
  /** Open inbound streams per `${peerId}/${method}`. */
  active: Map<string, number>;
}

/** The success chunks a request produces, as (SSZ bytes, context bytes). */
async function* serve(ctx: InboundContext, protocol: Protocol, request: unknown, peerId: string): AsyncGenerator<{bytes: Uint8Array; context: Uint8Array | null}> {
  const {handlers} = ctx;
  // Only the protocols without context bytes use this: their response type is the same at every fork.
  const type = {serialize: (value: unknown): Uint8Array => protocol.responseType("phase0").serialize(value)};
  const plain = (bytes: Uint8Array): {bytes: Uint8Array; context: null} => ({bytes, context: null});
  const withContext = (chunk: ResponseChunk): {bytes: Uint8Array; context: Uint8Array} => ({
    bytes: chunk.bytes,
    context: ctx.config.forkDigestAtEpoch(Math.floor(chunk.slot / SLOTS_PER_EPOCH)),
  });
  switch (protocol.method) {
    case ReqRespMethod.Status:
      yield plain(type.serialize(await handlers.onStatus(request as AnyStatus, peerId)));
      return;
    case ReqRespMethod.Goodbye:
      await handlers.onGoodbye(request as number, peerId);
      yield plain(type.serialize(0));
      return;
    case ReqRespMethod.Ping:
      yield plain(type.serialize(await handlers.onPing(request as number, peerId)));
      return;
    case ReqRespMethod.Metadata:
      yield plain(type.serialize(await handlers.onMetadata(peerId)));
      return;
    case ReqRespMethod.BeaconBlocksByRange:
      for await (const c of handlers.onBeaconBlocksByRange(request as p2p.BeaconBlocksByRangeRequest, peerId)) yield withContext(c);
      return;
    case ReqRespMethod.BeaconBlocksByRoot:
      for await (const c of handlers.onBeaconBlocksByRoot(request as Uint8Array[], peerId)) yield withContext(c);
      return;
    case ReqRespMethod.BlobSidecarsByRange:
      for await (const c of handlers.onBlobSidecarsByRange(request as p2p.BlobSidecarsByRangeRequest, peerId)) yield withContext(c);
      return;
    case ReqRespMethod.BlobSidecarsByRoot:
      for await (const c of handlers.onBlobSidecarsByRoot(request as p2p.BlobSidecarsByRootRequest, peerId)) yield withContext(c);
      return;
    case ReqRespMethod.DataColumnSidecarsByRange:
      for await (const c of handlers.onDataColumnSidecarsByRange(request as p2p.DataColumnSidecarsByRangeRequest, peerId)) yield withContext(c);
      return;
    case ReqRespMethod.DataColumnSidecarsByRoot:
      for await (const c of handlers.onDataColumnSidecarsByRoot(request as p2p.DataColumnSidecarsByRootRequest, peerId)) yield withContext(c);
      return;
    case ReqRespMethod.LightClientBootstrap:
      yield withContext(await handlers.onLightClientBootstrap(request as Uint8Array, peerId));
      return;
    case ReqRespMethod.LightClientUpdatesByRange:
      for await (const c of handlers.onLightClientUpdatesByRange(request as p2p.LightClientUpdatesByRangeRequest, peerId)) yield withContext(c);
      return;
    case ReqRespMethod.LightClientFinalityUpdate:
      yield withContext(await handlers.onLightClientFinalityUpdate(peerId));
      return;
    case ReqRespMethod.LightClientOptimisticUpdate:
      yield withContext(await handlers.onLightClientOptimisticUpdate(peerId));
      return;
  }
}

/** Writes `chunks` then closes our write side; a peer that reset the stream only ends the write. */
async function respond(stream: Stream, chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<void> {
  try {
    await stream.sink(chunks);
  } catch {
    stream.abort(new Error("response write failed"));
  }
}

export async function handleInbound(ctx: InboundContext, protocol: Protocol, stream: Stream, peerId: string): Promise<void> {
  const key = `${peerId}/${protocol.method}`;
  const open = ctx.active.get(key) ?? 0;
  if (open >= MAX_CONCURRENT_REQUESTS) {
    ctx.reportPeer(peerId, PeerAction.HighToleranceError, `more than ${MAX_CONCURRENT_REQUESTS} concurrent ${protocol.method} requests`);
    await respond(stream, [encodeErrorChunk(RespCode.RATE_LIMITED, "too many concurrent requests")]);
    return;
  }
  ctx.active.set(key, open + 1);
  try {
    await handleInboundInner(ctx, protocol, stream, peerId);
  } catch (e) {
    // Only a bug of ours lands here; the stream is dropped, the node carries on.
    ctx.logger.error("req/resp inbound failed", {peerId, protocol: protocol.id}, e);
    stream.abort(e as Error);
  } finally {
    const left = (ctx.active.get(key) ?? 1) - 1;
    if (left <= 0) ctx.active.delete(key);
    else ctx.active.set(key, left);
  }
}

async function handleInboundInner(ctx: InboundContext, protocol: Protocol, stream: Stream, peerId: string): Promise<void> {
  // 1. the request, within the request timeout
  const src = BufferedSource.from(stream.source);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stream.abort(new Error("request timeout"));
  }, ctx.requestTimeoutMs);
  let request: unknown = null;
  try {
    if (protocol.requestType !== null) {
      request = await readSszSnappyRequest(src, protocol.requestType);
    } else if (!(await src.atEnd())) {
      throw new SszSnappyError(SszSnappyErrorCode.TRAILING_BYTES, {reason: "this request has no body"});
    }
  } catch (e) {
    if (e instanceof SszSnappyError && !timedOut) {
      ctx.reportPeer(peerId, PeerAction.LowToleranceError, `malformed ${protocol.method} request: ${e.code}`);
      ctx.logger.debug("Invalid req/resp request", {peerId, protocol: protocol.id, code: e.code});
      await respond(stream, [encodeErrorChunk(RespCode.INVALID_REQUEST, e.code)]);
    } else {
      // timeout, or the peer reset the stream: nothing to answer
      if (timedOut) ctx.reportPeer(peerId, PeerAction.HighToleranceError, `${protocol.method} request not sent in time`);
      stream.abort(e as Error);
    }
    return;
  } finally {
    clearTimeout(timer);
  }

  // 2. limits, then the rate limiter
  let plan: RequestPlan;
  try {
    plan = planRequest(protocol.method, request, ctx.config, ctx.currentEpoch());
  } catch (e) {
    if (!(e instanceof ResponseError)) throw e;
    const err = e;
    ctx.reportPeer(peerId, PeerAction.MidToleranceError, `invalid ${protocol.method} request: ${err.errorMessage}`);
    await respond(stream, [encodeErrorChunk(err.code, err.errorMessage)]);
    return;
  }
  // phase0 p2p-interface.md: rate limiting withholds the response, never errors, closes or scores
  // (requesters may send optimistically). The wait is bounded: at most MAX_CONCURRENT_REQUESTS
  // requests per protocol hold debt, so it is under MAX_CONCURRENT_REQUESTS quota periods.
  const withholdMs = ctx.rateLimiter.reserve(peerId, protocol.method, plan.cost);
  if (withholdMs > 0) {
    ctx.logger.debug("req/resp response withheld by the rate limiter", {peerId, protocol: protocol.id, cost: plan.cost, withholdMs});
    await new Promise((resolve) => setTimeout(resolve, withholdMs));
  }

  // 3. the response, pulled lazily from the handler so a slow reader holds back the DB reads
  const maxChunks = plan.maxChunks;
  const logger = ctx.logger;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let sent = 0;
    try {
      if (maxChunks === 0) return;
      for await (const {bytes, context} of serve(ctx, protocol, plan.request, peerId)) {
        yield encodeSuccessChunk(bytes, protocol.contextBytes ? context : null);
        if (++sent >= maxChunks) return;
      }
    } catch (e) {
      if (e instanceof ResponseError) {
        yield encodeErrorChunk(e.code, e.errorMessage);
      } else {
        logger.warn("req/resp handler failed", {peerId, protocol: protocol.id, sent}, e);
        yield encodeErrorChunk(RespCode.SERVER_ERROR, "server error");
      }
    }
  }
  await respond(stream, chunks());
}
