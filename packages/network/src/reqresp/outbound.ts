// Sending one request and reading its response chunks, with the time-to-first-byte and per-chunk
// response timeouts. Malformed responses and timeouts are reported as peer actions here; the caller
// gets a typed RequestError either way.
import type {Libp2p, PeerId, Stream} from "@libp2p/interface";
import type {BeaconConfig} from "@hearth/config";
import type {ForkName} from "@hearth/params";
import {BufferedSource} from "../encoding/bufferedSource.js";
import {SszSnappyError, SszSnappyErrorCode} from "../encoding/errors.js";
import {deserializeSsz, encodeSszSnappy, readSszSnappyPayload, sszBounds} from "../encoding/sszSnappy.js";
import {PeerAction} from "../peers/score.js";
import {decodeErrorMessage} from "./chunks.js";
import {RespCode, type Forked} from "./interface.js";
import {ERROR_MESSAGE_MAX_BYTES, UnsupportedForkError, protocolById, type Protocol} from "./protocols.js";
import {RequestError, RequestErrorCode} from "./errors.js";

export interface OutboundContext {
  libp2p: Libp2p;
  config: BeaconConfig;
  dialTimeoutMs: number;
  ttfbTimeoutMs: number;
  respTimeoutMs: number;
  reportPeer(peerId: string, action: PeerAction, reason: string): void;
}

export interface OutboundRequest {
  /** Versions to offer, preferred first. */
  protocols: Protocol[];
  /** The SSZ request body for the negotiated version, or null when the protocol has none. */
  body(protocol: Protocol): Uint8Array | null;
  /** Stop reading after this many success chunks. */
  maxChunks: number;
}

/** Which peer faults are penalised, and how hard. Error responses from the peer are not faults. */
const PENALTY: Partial<Record<RequestErrorCode, PeerAction>> = {
  [RequestErrorCode.TTFB_TIMEOUT]: PeerAction.HighToleranceError,
  [RequestErrorCode.RESP_TIMEOUT]: PeerAction.HighToleranceError,
  [RequestErrorCode.INVALID_RESPONSE]: PeerAction.LowToleranceError,
  [RequestErrorCode.UNKNOWN_CONTEXT_BYTES]: PeerAction.LowToleranceError,
  [RequestErrorCode.UNEXPECTED_RESPONSE]: PeerAction.LowToleranceError,
};

export function penaliseRequestError(ctx: OutboundContext, err: RequestError): void {
  const action = PENALTY[err.code];
  if (action !== undefined) ctx.reportPeer(err.detail.peerId, action, `${err.detail.protocol}: ${err.code}`);
}

/** Sends the request; returns the negotiated protocol and the decoded success chunks. */
export async function sendRequest(
  ctx: OutboundContext,
  peerId: PeerId,
  req: OutboundRequest
): Promise<{protocol: Protocol; chunks: Forked<unknown>[]}> {
  const peer = peerId.toString();
  const offered = req.protocols[0].id;
  let stream: Stream;
  try {
    stream = await ctx.libp2p.dialProtocol(
      peerId,
      req.protocols.map((p) => p.id),
      {signal: AbortSignal.timeout(ctx.dialTimeoutMs)}
    );
  } catch (e) {
    throw new RequestError(RequestErrorCode.DIAL_FAILED, {peerId: peer, protocol: offered, reason: (e as Error).message});
  }
  const protocol = (stream.protocol !== undefined ? protocolById(stream.protocol) : undefined) ?? req.protocols[0];
  const detail = {peerId: peer, protocol: protocol.id};

  try {
    const body = req.body(protocol);
    await stream.sink(body === null ? [] : encodeSszSnappy(body));
  } catch (e) {
    stream.abort(e as Error);
    throw new RequestError(RequestErrorCode.WRITE_FAILED, {...detail, reason: (e as Error).message});
  }

  let timeoutCode: RequestErrorCode | null = null;
  let timer: NodeJS.Timeout | undefined;
  const arm = (code: RequestErrorCode, ms: number): void => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timeoutCode = code;
      stream.abort(new Error(code));
    }, ms);
  };
  arm(RequestErrorCode.TTFB_TIMEOUT, ctx.ttfbTimeoutMs);

  const src = BufferedSource.from(stream.source);
  const chunks: Forked<unknown>[] = [];
  try {
    while (chunks.length < req.maxChunks) {
      const result = await src.readByte();
      if (result === null) break;
      arm(RequestErrorCode.RESP_TIMEOUT, ctx.respTimeoutMs);
      if (result !== RespCode.SUCCESS) {
        const message = await readSszSnappyPayload(src, {minSize: 0, maxSize: ERROR_MESSAGE_MAX_BYTES});
        throw new RequestError(RequestErrorCode.ERROR_RESPONSE, {...detail, respCode: result, errorMessage: decodeErrorMessage(message ?? new Uint8Array())});
      }
      let fork: ForkName = "phase0";
      let forkDigest: Uint8Array | undefined;
      if (protocol.contextBytes) {
        const context = await src.readExactly(4);
        if (context === null) throw new SszSnappyError(SszSnappyErrorCode.TRUNCATED, {reason: "inside the context bytes"});
        const boundary = ctx.config.forkBoundaryOfDigest(context);
        if (boundary === null) throw new RequestError(RequestErrorCode.UNKNOWN_CONTEXT_BYTES, {...detail, reason: Buffer.from(context).toString("hex")});
        fork = boundary.fork;
        forkDigest = Uint8Array.from(context);
      }
      let type;
      try {
        type = protocol.responseType(fork);
      } catch (e) {
        if (!(e instanceof UnsupportedForkError)) throw e;
        throw new RequestError(RequestErrorCode.UNKNOWN_CONTEXT_BYTES, {...detail, reason: e.message});
      }
      const bytes = await readSszSnappyPayload(src, sszBounds(type));
      if (bytes === null) throw new SszSnappyError(SszSnappyErrorCode.TRUNCATED, {reason: "no payload after the result"});
      chunks.push(forkDigest === undefined ? {fork, data: deserializeSsz(type, bytes)} : {fork, data: deserializeSsz(type, bytes), forkDigest});
      arm(RequestErrorCode.RESP_TIMEOUT, ctx.respTimeoutMs);
    }
    clearTimeout(timer);
    await stream.close().catch(() => stream.abort(new Error("close failed")));
    return {protocol, chunks};
  } catch (e) {
    clearTimeout(timer);
    stream.abort(e instanceof Error ? e : new Error(String(e)));
    let err: RequestError;
    if (timeoutCode !== null) err = new RequestError(timeoutCode, detail);
    else if (e instanceof RequestError) err = e;
    else if (e instanceof SszSnappyError) err = new RequestError(RequestErrorCode.INVALID_RESPONSE, {...detail, sszSnappyCode: e.code, reason: e.message});
    else err = new RequestError(RequestErrorCode.STREAM_ERROR, {...detail, reason: (e as Error).message});
    penaliseRequestError(ctx, err);
    throw err;
  }
}
