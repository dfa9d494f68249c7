// Writes a route's typed arguments as an HTTP request, and reads its response back as typed
// data and metadata: the client-side mirror of server/args.ts and server/handler.ts.
import type {ForkName} from "@hearth/params";
import {isSszCodec, type Codec} from "../codecs/codec.js";
import {metaFromResponse} from "../routes/meta.js";
import {forkArgKey, type RouteDef} from "../routes/route.js";
import {ACCEPT_SSZ_OR_JSON, JSON_MEDIA_TYPE, mediaType, SSZ_MEDIA_TYPE} from "../utils/mediaType.js";

export interface EncodedRequest {
  /** Path and query, to append to a base URL. */
  pathAndQuery: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

export interface ApiResult<D, M> {
  status: number;
  data: D;
  meta: M;
}

export function encodeRequest(route: RouteDef, args: Record<string, unknown>, opts: {sszBody: boolean; acceptSsz: boolean}): EncodedRequest {
  const headers: Record<string, string> = {
    // a chunked SSZ answer names each item's fork by digest, which the client cannot map without the
    // chain's config: those routes are read as JSON
    accept: opts.acceptSsz && route.response.ssz && route.response.sszChunks === undefined ? ACCEPT_SSZ_OR_JSON : JSON_MEDIA_TYPE,
  };
  const query = new URLSearchParams();
  const pathValues: Record<string, string> = {};
  let body: string | Uint8Array | undefined;
  for (const [key, def] of Object.entries(route.args)) {
    const value = args[key];
    if (value === undefined) {
      if (def.required) throw new Error(`missing argument ${key}`);
      continue;
    }
    if (def.in === "body") {
      const forkKey = forkArgKey(route);
      const codec: Codec<unknown> = typeof def.codec === "function" ? def.codec(args[forkKey ?? ""] as ForkName) : def.codec;
      if (opts.sszBody && def.ssz && isSszCodec(codec)) {
        body = codec.serialize(value);
        headers["content-type"] = SSZ_MEDIA_TYPE;
      } else {
        body = JSON.stringify(codec.toJson(value));
        headers["content-type"] = JSON_MEDIA_TYPE;
      }
      continue;
    }
    const raw = def.codec.format(value);
    if (def.in === "path") pathValues[def.name] = encodeURIComponent(raw[0]);
    else if (def.in === "query") for (const r of raw) query.append(def.name, r);
    else headers[def.name.toLowerCase()] = raw[0];
  }
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => pathValues[name]);
  const qs = query.toString();
  return {pathAndQuery: qs === "" ? path : `${path}?${qs}`, headers, body};
}

/** Reads a successful response. Throws on a body the route's codecs cannot read. */
export async function decodeResponse(route: RouteDef, res: Response): Promise<ApiResult<unknown, unknown>> {
  const {response} = route;
  if (response.kind === "status") return {status: res.status, data: res.status, meta: {}};
  if (response.kind === "empty") {
    await res.arrayBuffer();
    return {status: res.status, data: undefined, meta: {}};
  }
  const getHeader = (name: string): string | null => res.headers.get(name);
  const select = (meta: unknown): Codec<unknown> => {
    const data = response.data;
    if (data === undefined) throw new Error("route has no data codec");
    return typeof data === "function" ? data(meta) : data;
  };
  if (mediaType(res.headers.get("content-type")) === SSZ_MEDIA_TYPE) {
    const bytes = new Uint8Array(await res.arrayBuffer());
    const meta = metaFromResponse(response.meta, null, getHeader);
    const codec = select(meta);
    if (!isSszCodec(codec)) throw new Error("SSZ response to a route without SSZ codec");
    return {status: res.status, data: codec.deserialize(bytes), meta};
  }
  const json = (await res.json()) as Record<string, unknown>;
  if (response.unwrapped) return {status: res.status, data: select({}).fromJson(json), meta: {}};
  if (typeof json !== "object" || json === null || !("data" in json)) throw new Error("response has no data");
  const meta = metaFromResponse(response.meta, json, getHeader);
  return {status: res.status, data: select(meta).fromJson(json.data), meta};
}

/** The spec's error body, when the server sent one. */
export async function readErrorBody(res: Response): Promise<{message?: string; failures?: {index: number; message: string}[]}> {
  const text = await res.text().catch(() => "");
  try {
    const json = JSON.parse(text) as {message?: unknown; failures?: unknown};
    return {
      message: typeof json.message === "string" ? json.message : text,
      failures: Array.isArray(json.failures) ? (json.failures as {index: number; message: string}[]) : undefined,
    };
  } catch {
    return {message: text === "" ? res.statusText : text.slice(0, 200)};
  }
}
