// The typed Beacon API client: one method per route, built from the same route definitions as
// the server, over global fetch. Several base URLs are tried in order when one is unreachable.
import {beaconApiRoutes, type BeaconApiRoutes} from "../routes/index.js";
import {eventstreamRoute} from "../routes/events.js";
import type {RouteArgs, RouteData, RouteDef, RouteMeta} from "../routes/route.js";
import type {BeaconEvent, EventTopic} from "../types/events.js";
import {ApiClientError, ApiClientErrorCode} from "../utils/errors.js";
import {readBeaconEvents} from "./eventstream.js";
import {decodeResponse, encodeRequest, readErrorBody, type ApiResult} from "./request.js";

export type {ApiResult} from "./request.js";

export const DEFAULT_TIMEOUT_MS = 12_000;

export interface ApiClientOptions {
  baseUrl?: string;
  /** Tried in order: the next when one cannot be reached or times out. */
  baseUrls?: string[];
  timeoutMs?: number;
  /** Send request bodies as SSZ where a route takes it (default JSON). */
  sszRequests?: boolean;
  /** Ask for SSZ responses where a route serves it (default JSON). */
  sszResponses?: boolean;
  fetch?: typeof fetch;
}

export interface CallOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  sszRequest?: boolean;
  sszResponse?: boolean;
}

type Result<R> = Promise<ApiResult<RouteData<R>, RouteMeta<R>>>;
export type ClientMethod<R> =
  Record<never, never> extends RouteArgs<R>
    ? (args?: RouteArgs<R>, opts?: CallOptions) => Result<R>
    : (args: RouteArgs<R>, opts?: CallOptions) => Result<R>;
export type ApiClient<Routes extends Record<string, RouteDef>> = {[K in keyof Routes]: ClientMethod<Routes[K]>};

export type BeaconApiClient = ApiClient<BeaconApiRoutes> & {
  /** Events of `topics` until `signal` aborts or the loop stops. */
  eventstream(topics: EventTopic[], opts?: {signal?: AbortSignal}): AsyncIterable<BeaconEvent>;
};

function baseUrlsOf(opts: ApiClientOptions): string[] {
  const urls = opts.baseUrls ?? (opts.baseUrl !== undefined ? [opts.baseUrl] : []);
  if (urls.length === 0) throw new Error("a Beacon API client needs a baseUrl");
  return urls.map((u) => u.replace(/\/+$/, ""));
}

function isSuccess(route: RouteDef, status: number): boolean {
  return route.response.kind === "status" ? status !== 400 : route.response.okStatuses.includes(status);
}

/** A client for any table of routes (the Beacon API's, later the keymanager's). */
export function createApiClient<Routes extends Record<string, RouteDef>>(routes: Routes, opts: ApiClientOptions): ApiClient<Routes> {
  const urls = baseUrlsOf(opts);
  const fetchFn = opts.fetch ?? globalThis.fetch;
  async function call(route: RouteDef, args: Record<string, unknown> = {}, callOpts: CallOptions = {}): Promise<ApiResult<unknown, unknown>> {
    const {operationId} = route;
    let req;
    try {
      req = encodeRequest(route, args, {sszBody: callOpts.sszRequest ?? opts.sszRequests ?? false, acceptSsz: callOpts.sszResponse ?? opts.sszResponses ?? false});
    } catch (e) {
      throw new ApiClientError(ApiClientErrorCode.INVALID_REQUEST, {operationId, reason: (e as Error).message});
    }
    let lastError: ApiClientError | null = null;
    for (const base of urls) {
      const url = base + req.pathAndQuery;
      const timeout = AbortSignal.timeout(callOpts.timeoutMs ?? opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      const signal = callOpts.signal ? AbortSignal.any([timeout, callOpts.signal]) : timeout;
      const failure = (e: unknown, fallback: ApiClientErrorCode, status?: number): ApiClientError => {
        if (callOpts.signal?.aborted) return new ApiClientError(ApiClientErrorCode.ABORTED, {operationId, url});
        if (timeout.aborted) return new ApiClientError(ApiClientErrorCode.TIMEOUT, {operationId, url, reason: "timed out"});
        return new ApiClientError(fallback, {operationId, url, status, reason: (e as Error).message});
      };
      let res: Response;
      try {
        res = await fetchFn(url, {method: route.method, headers: req.headers, body: req.body, signal});
      } catch (e) {
        lastError = failure(e, ApiClientErrorCode.NETWORK);
        if (lastError.code === ApiClientErrorCode.ABORTED) throw lastError;
        continue;
      }
      if (!isSuccess(route, res.status)) {
        const body = await readErrorBody(res);
        throw new ApiClientError(ApiClientErrorCode.HTTP_ERROR, {operationId, url, status: res.status, reason: body.message, failures: body.failures});
      }
      try {
        return await decodeResponse(route, res);
      } catch (e) {
        throw failure(e, ApiClientErrorCode.INVALID_RESPONSE, res.status);
      }
    }
    throw lastError as ApiClientError;
  }
  const client: Record<string, unknown> = {};
  for (const [key, route] of Object.entries(routes)) {
    client[key] = (args?: Record<string, unknown>, callOpts?: CallOptions) => call(route, args, callOpts);
  }
  return client as ApiClient<Routes>;
}

export function createBeaconApiClient(opts: ApiClientOptions): BeaconApiClient {
  const client = createApiClient(beaconApiRoutes, opts) as BeaconApiClient;
  const urls = baseUrlsOf(opts);
  const fetchFn = opts.fetch ?? globalThis.fetch;
  client.eventstream = (topics, streamOpts = {}) => ({
    async *[Symbol.asyncIterator]() {
      const operationId = eventstreamRoute.operationId;
      const url = `${urls[0]}${eventstreamRoute.path}?topics=${topics.join(",")}`;
      const controller = new AbortController();
      const onAbort = (): void => controller.abort();
      streamOpts.signal?.addEventListener("abort", onAbort, {once: true});
      const connectTimer = setTimeout(onAbort, opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      try {
        let res: Response;
        try {
          res = await fetchFn(url, {headers: {accept: "text/event-stream"}, signal: controller.signal});
        } catch (e) {
          throw new ApiClientError(streamOpts.signal?.aborted ? ApiClientErrorCode.ABORTED : ApiClientErrorCode.NETWORK, {operationId, url, reason: (e as Error).message});
        } finally {
          clearTimeout(connectTimer);
        }
        if (res.status !== 200 || res.body === null) {
          const body = await readErrorBody(res);
          throw new ApiClientError(ApiClientErrorCode.HTTP_ERROR, {operationId, url, status: res.status, reason: body.message});
        }
        try {
          yield* readBeaconEvents(res.body);
        } catch (e) {
          if (!controller.signal.aborted) throw new ApiClientError(ApiClientErrorCode.INVALID_RESPONSE, {operationId, url, reason: (e as Error).message});
        }
      } finally {
        streamOpts.signal?.removeEventListener("abort", onAbort);
        controller.abort();
      }
    },
  });
  return client;
}
