// Reads a route's arguments from an HTTP request: path and query parameters, headers, then the
// body (whose codec may depend on the Eth-Consensus-Version header). Every failure is an
// ApiError: 400 naming the parameter, or 415 for a body in a format the route does not take.
import type {ForkName} from "@hearth/params";
import type {FastifyRequest} from "fastify";
import {isSszCodec, JsonDecodeError, type Codec} from "../codecs/codec.js";
import {decodeJson} from "../codecs/strict.js";
import {forkArgKey, type ArgDef, type BodyArg, type RouteDef} from "../routes/route.js";
import {ApiError} from "../utils/errors.js";
import {JSON_MEDIA_TYPE, mediaType, SSZ_MEDIA_TYPE} from "../utils/mediaType.js";

type RawValue = string | string[] | undefined;

function rawValues(value: RawValue): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function parseParam(def: Exclude<ArgDef, BodyArg<unknown, boolean>>, value: RawValue): unknown {
  const what = def.in === "header" ? "header" : `${def.in} param`;
  const raw = rawValues(value);
  if (raw.length === 0) {
    if (def.required) throw new ApiError(400, `Missing required ${what} ${def.name}`);
    return undefined;
  }
  try {
    return def.codec.parse(raw);
  } catch (e) {
    throw new ApiError(400, `Invalid ${what} ${def.name}: ${(e as Error).message}`);
  }
}

export function parseArgs(route: Pick<RouteDef, "args">, req: FastifyRequest): Record<string, unknown> {
  const params = req.params as Record<string, string | undefined>;
  const query = req.query as Record<string, RawValue>;
  const args: Record<string, unknown> = {};
  let body: [string, BodyArg<unknown, boolean>] | null = null;
  for (const [key, def] of Object.entries(route.args)) {
    let value: unknown;
    if (def.in === "body") {
      body = [key, def];
      continue;
    } else if (def.in === "path") value = parseParam(def, params[def.name]);
    else if (def.in === "query") value = parseParam(def, query[def.name]);
    else value = parseParam(def, req.headers[def.name.toLowerCase()]);
    if (value !== undefined) args[key] = value;
  }
  if (body !== null) {
    const forkKey = forkArgKey(route);
    const value = parseBody(body[1], req, forkKey === null ? undefined : (args[forkKey] as ForkName));
    if (value !== undefined) args[body[0]] = value;
  }
  return args;
}

function parseBody(def: BodyArg<unknown, boolean>, req: FastifyRequest, fork: ForkName | undefined): unknown {
  const bytes = req.body as Buffer | undefined;
  const type = mediaType(req.headers["content-type"]) ?? JSON_MEDIA_TYPE;
  if (type !== JSON_MEDIA_TYPE && type !== SSZ_MEDIA_TYPE) {
    throw new ApiError(415, `Unsupported Content-Type ${type}: expected ${JSON_MEDIA_TYPE}${def.ssz ? ` or ${SSZ_MEDIA_TYPE}` : ""}`);
  }
  if (type === SSZ_MEDIA_TYPE && !def.ssz) {
    throw new ApiError(415, `Unsupported Content-Type ${type}: this route takes ${JSON_MEDIA_TYPE} only`);
  }
  if (bytes === undefined || bytes.length === 0) {
    if (def.required) throw new ApiError(400, "Missing request body");
    return undefined;
  }
  // routes with a fork-dependent body declare the header as required, so `fork` is set here
  const codec: Codec<unknown> = typeof def.codec === "function" ? def.codec(fork as ForkName) : def.codec;
  if (type === SSZ_MEDIA_TYPE) {
    if (!isSszCodec(codec)) throw new ApiError(415, `Unsupported Content-Type ${type}`);
    try {
      return codec.deserialize(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (e) {
      throw new ApiError(400, `Invalid SSZ body: ${(e as Error).message}`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString("utf8"));
  } catch (e) {
    throw new ApiError(400, `Invalid JSON body: ${(e as Error).message}`);
  }
  try {
    return decodeJson(codec, json);
  } catch (e) {
    if (e instanceof JsonDecodeError) {
      const message = `Invalid request body${e.path === "" ? "" : ` at ${e.path}`}: ${e.reason}`;
      // a bad item of a list body is also the spec's IndexedErrorMessage failure of that item
      const item = /^\[(\d+)\]/.exec(e.path);
      throw new ApiError(400, message, item !== null ? [{index: Number(item[1]), message}] : undefined);
    }
    throw new ApiError(400, `Invalid request body: ${(e as Error).message}`);
  }
}
