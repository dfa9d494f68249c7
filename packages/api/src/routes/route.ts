// A route is data: its operationId, method and path, where each argument comes from (path,
// query, header, body) with its codec, and how the response is written. The server and the
// client are generic over this description, so a new route is one more definition.
import type {ForkName} from "@hearth/params";
import type {Codec} from "../codecs/codec.js";
import {forkNameParam, type ParamCodec} from "../codecs/params.js";
import type {AllMeta, MetaKey} from "./meta.js";

export type HttpMethod = "GET" | "POST";

/** `__type` is a phantom: it carries the argument's TypeScript type, never a value. */
interface ArgBase<T, R extends boolean> {
  readonly required: R;
  readonly __type?: T;
}
export interface PathArg<T> extends ArgBase<T, true> {
  readonly in: "path";
  readonly name: string;
  readonly codec: ParamCodec<T>;
}
export interface QueryArg<T, R extends boolean> extends ArgBase<T, R> {
  readonly in: "query";
  readonly name: string;
  readonly codec: ParamCodec<T>;
}
export interface HeaderArg<T, R extends boolean> extends ArgBase<T, R> {
  readonly in: "header";
  readonly name: string;
  readonly codec: ParamCodec<T>;
}
/** A body codec may depend on the fork named by the request's Eth-Consensus-Version header. */
export type BodyCodec<T> = Codec<T> | ((fork: ForkName) => Codec<T>);
export interface BodyArg<T, R extends boolean> extends ArgBase<T, R> {
  readonly in: "body";
  readonly codec: BodyCodec<T>;
  /** Whether the body may also be sent as SSZ (application/octet-stream). */
  readonly ssz: boolean;
}
/* eslint-disable @typescript-eslint/no-explicit-any */
export type ArgDef = PathArg<any> | QueryArg<any, boolean> | HeaderArg<any, boolean> | BodyArg<any, boolean>;
export type ArgDefs = Record<string, ArgDef>;

export function pathArg<T>(name: string, codec: ParamCodec<T>): PathArg<T> {
  return {in: "path", name, codec, required: true};
}
export function queryArg<T>(name: string, codec: ParamCodec<T>): QueryArg<T, true> {
  return {in: "query", name, codec, required: true};
}
export function optionalQueryArg<T>(name: string, codec: ParamCodec<T>): QueryArg<T, false> {
  return {in: "query", name, codec, required: false};
}
export const CONSENSUS_VERSION_HEADER = "Eth-Consensus-Version";
/** The fork of a versioned request body, sent as the Eth-Consensus-Version header. */
export function consensusVersionArg(): HeaderArg<ForkName, true> {
  return {in: "header", name: CONSENSUS_VERSION_HEADER, codec: forkNameParam, required: true};
}
export function bodyArg<T>(codec: BodyCodec<T>, opts: {ssz?: boolean} = {}): BodyArg<T, true> {
  return {in: "body", codec, ssz: opts.ssz ?? false, required: true};
}
export function optionalBodyArg<T>(codec: BodyCodec<T>): BodyArg<T, false> {
  return {in: "body", codec, ssz: false, required: false};
}

/** The response's data codec; a function picks it from the metadata (the fork, usually). */
export type DataCodec<D, M> = Codec<D> | ((meta: M) => Codec<D>);

export interface ResponseDef<D, M, DIn = D> {
  /** data: `{...meta, data}`; empty: no body; status: no body, the status is the data (health). */
  readonly kind: "data" | "empty" | "status";
  readonly data?: DataCodec<D, M>;
  readonly meta: readonly MetaKey[];
  /** Whether the data may be sent as SSZ when the client accepts application/octet-stream. */
  readonly ssz: boolean;
  /** Statuses the client counts as success. */
  readonly okStatuses: readonly number[];
  /** Extra top-level JSON fields derived from the data (getPeers' `meta.count`). */
  readonly jsonExtra?: (data: D) => Record<string, unknown>;
  /** The JSON body is the data itself, not `{data}` (getDebugForkChoice). */
  readonly unwrapped?: boolean;
  /**
   * The SSZ body is the spec's sequence of response chunks rather than one SSZ value
   * (getLightClientUpdatesByRange): per item, a little-endian uint64 length of what follows, a
   * 4-byte context (a fork digest), and the item's SSZ payload.
   */
  readonly sszChunks?: (data: D) => SszChunk[];
  /**
   * The data's JSON written piece by piece, equal to `JSON.stringify(data codec's toJson)` when
   * joined: the server streams it (the whole registry's validators would not fit one string).
   */
  readonly jsonDataChunks?: (data: D) => Iterable<string | Uint8Array>;
  readonly __data?: D;
  readonly __meta?: M;
  /** What an implementation may return, when wider than what the client reads (a state view). */
  readonly __dataIn?: DIn;
}

/** One chunk of a chunked SSZ response: its context bytes and its SSZ payload. */
export interface SszChunk {
  context: Uint8Array;
  payload: Uint8Array;
}

export function dataResponse<D, const K extends MetaKey = never>(
  data: DataCodec<D, Pick<AllMeta, K>>,
  opts: {
    meta?: readonly K[];
    ssz?: boolean;
    jsonExtra?: (data: D) => Record<string, unknown>;
    unwrapped?: boolean;
    sszChunks?: (data: D) => SszChunk[];
    jsonDataChunks?: (data: D) => Iterable<string | Uint8Array>;
  } = {},
): ResponseDef<D, Pick<AllMeta, K>> {
  return {
    kind: "data",
    data,
    meta: opts.meta ?? [],
    ssz: opts.ssz ?? opts.sszChunks !== undefined,
    okStatuses: [200],
    jsonExtra: opts.jsonExtra,
    unwrapped: opts.unwrapped,
    sszChunks: opts.sszChunks,
    jsonDataChunks: opts.jsonDataChunks,
  };
}

/** Writes chunks as the spec's `response_chunk_len ‖ context ‖ payload` sequence. */
export function serializeSszChunks(chunks: readonly SszChunk[]): Uint8Array {
  let size = 0;
  for (const c of chunks) size += 8 + c.context.length + c.payload.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  let at = 0;
  for (const c of chunks) {
    // response_chunk_len counts the whole response_chunk: context and payload
    view.setBigUint64(at, BigInt(c.context.length + c.payload.length), true);
    out.set(c.context, at + 8);
    out.set(c.payload, at + 8 + c.context.length);
    at += 8 + c.context.length + c.payload.length;
  }
  return out;
}

/** Reads a chunk sequence back, each chunk's context `contextLength` bytes long; throws on a truncated body. */
export function deserializeSszChunks(bytes: Uint8Array, contextLength: number): SszChunk[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: SszChunk[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 8 > bytes.length) throw new Error(`truncated chunk length at byte ${at}`);
    const len = Number(view.getBigUint64(at, true));
    if (len < contextLength || at + 8 + len > bytes.length) throw new Error(`chunk at byte ${at} claims ${len} bytes, ${bytes.length - at - 8} remain`);
    chunks.push({context: bytes.slice(at + 8, at + 8 + contextLength), payload: bytes.slice(at + 8 + contextLength, at + 8 + len)});
    at += 8 + len;
  }
  return chunks;
}

/** A response without body; `okStatuses` lists the successes (publishBlock's 202). */
export function emptyResponse(okStatuses: readonly number[] = [200]): ResponseDef<void, Record<never, never>> {
  return {kind: "empty", meta: [], ssz: false, okStatuses};
}

/**
 * A response that is only a status (getHealth): the implementation returns the status as data,
 * and the client returns whatever status came back except 400.
 */
export function statusResponse(okStatuses: readonly number[]): ResponseDef<number, Record<never, never>> {
  return {kind: "status", meta: [], ssz: false, okStatuses};
}

/**
 * Widens what an implementation may return for a response, e.g. a state's tree view beside its
 * value, when the data codec can write both.
 */
export function implMayReturn<DIn>(): <D, M>(response: ResponseDef<D, M>) => ResponseDef<D, M, D | DIn> {
  return <D, M>(response: ResponseDef<D, M>) => response as unknown as ResponseDef<D, M, D | DIn>;
}

/** A data codec chosen by the response's `version`. */
export function byFork<D>(select: (fork: ForkName) => Codec<D>): (meta: {version: ForkName}) => Codec<D> {
  return (meta) => select(meta.version);
}

export interface RouteDef<A extends ArgDefs = ArgDefs, D = any, M = any, DIn = D> {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** The spec's path, parameters in braces: /eth/v1/beacon/states/{state_id}/root. */
  readonly path: string;
  readonly args: A;
  readonly response: ResponseDef<D, M, DIn>;
}

export function defineRoute<const A extends ArgDefs, D, M, DIn>(def: RouteDef<A, D, M, DIn>): RouteDef<A, D, M, DIn> {
  const inPath = [...def.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const pathArgs = Object.values(def.args).filter((a): a is PathArg<unknown> => a.in === "path");
  for (const name of inPath) {
    if (!pathArgs.some((a) => a.name === name)) throw new Error(`${def.operationId}: no argument for path parameter ${name}`);
  }
  for (const a of pathArgs) {
    if (!inPath.includes(a.name)) throw new Error(`${def.operationId}: path has no parameter ${a.name}`);
  }
  const bodies = Object.values(def.args).filter((a) => a.in === "body");
  if (bodies.length > 1) throw new Error(`${def.operationId}: more than one body argument`);
  if (bodies.some((b) => typeof b.codec === "function") && forkArgKey(def) === null) {
    throw new Error(`${def.operationId}: a fork-dependent body needs an ${CONSENSUS_VERSION_HEADER} argument`);
  }
  return def;
}

/** The key of the argument holding the request's Eth-Consensus-Version, if the route has one. */
export function forkArgKey(def: Pick<RouteDef, "args">): string | null {
  for (const [key, a] of Object.entries(def.args)) {
    if (a.in === "header" && a.name === CONSENSUS_VERSION_HEADER) return key;
  }
  return null;
}

type ArgValue<X> = X extends ArgBase<infer T, boolean> ? T : never;
type RequiredArgKeys<A> = {[K in keyof A]: A[K] extends {readonly required: true} ? K : never}[keyof A];
type Simplify<T> = {[K in keyof T]: T[K]} & {};
export type ArgsOf<A> = Simplify<
  {[K in RequiredArgKeys<A>]: ArgValue<A[K]>} & {[K in Exclude<keyof A, RequiredArgKeys<A>>]?: ArgValue<A[K]>}
>;

export type RouteArgs<R> = R extends RouteDef<infer A, any, any, any> ? ArgsOf<A> : never;
export type RouteData<R> = R extends RouteDef<any, infer D, any, any> ? D : never;
export type RouteMeta<R> = R extends RouteDef<any, any, infer M, any> ? M : never;
export type RouteDataIn<R> = R extends RouteDef<any, any, any, infer DIn> ? DIn : never;

/** What an implementation returns: data with its metadata, optionally another success status. */
export type ImplResult<D, M, DIn = D> = [D] extends [void]
  ? void | {status?: number}
  : {data: DIn; status?: number} & (Record<never, never> extends M ? {meta?: M} : {meta: M});

export type RouteImpl<R> = (args: RouteArgs<R>) => Promise<ImplResult<RouteData<R>, RouteMeta<R>, RouteDataIn<R>>>;
export type RoutesImpl<Routes extends Record<string, RouteDef>> = {[K in keyof Routes]: RouteImpl<Routes[K]>};
