// The Beacon API HTTP server: fastify serving any object that implements the routes' methods.
import Fastify, {type FastifyInstance} from "fastify";
import {beaconApiRoutes, type BeaconApiImpl} from "../routes/index.js";
import {eventstreamRoute, type EventstreamImpl} from "../routes/events.js";
import type {RouteDef} from "../routes/route.js";
import {ApiError} from "../utils/errors.js";
import {noopLogger, type Logger} from "../utils/logger.js";
import {createEventstreamHandler} from "./eventstream.js";
import {sendError} from "./errors.js";
import {createRouteHandler, type UntypedImpl} from "./handler.js";

/** Large enough for a block with the most blobs any fork allows, as JSON. */
export const DEFAULT_BODY_LIMIT = 32 * 1024 * 1024;

export interface BeaconApiServerOptions {
  /** Methods it lacks are answered 501. */
  implementation: Partial<BeaconApiImpl>;
  logger?: Logger;
  host?: string;
  port?: number;
  /** Largest request body, in bytes. */
  bodyLimit?: number;
  /** Send stack traces with 500 answers (the spec's debug-mode `stacktraces`). */
  stacktraces?: boolean;
  /** How often an idle event stream gets a keep-alive comment (default 15 s). */
  eventstreamHeartbeatMs?: number;
  /** The routes to serve; all of beaconApiRoutes by default. */
  routes?: Record<string, RouteDef>;
}

export interface BeaconApiServer {
  readonly app: FastifyInstance;
  /** Starts listening; resolves with the bound address (port 0 picks a free port). */
  listen(): Promise<{host: string; port: number; url: string}>;
  /** Ends open event streams and stops the server. */
  close(): Promise<void>;
}

/** fastify's path syntax for the spec's: /states/{state_id} → /states/:state_id. */
function fastifyPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ":$1");
}

export function createBeaconApiServer(opts: BeaconApiServerOptions): BeaconApiServer {
  const logger = opts.logger ?? noopLogger;
  const host = opts.host ?? "127.0.0.1";
  const port = opts.port ?? 9596;
  const bodyLimit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const stacktraces = opts.stacktraces ?? false;
  const impl = opts.implementation as Record<string, UntypedImpl | undefined>;
  const openStreams = new Set<AbortController>();

  const app = Fastify({
    logger: false,
    bodyLimit,
    forceCloseConnections: true,
    routerOptions: {ignoreTrailingSlash: true, maxParamLength: 256},
    // errors before routing (a malformed URL) get the same error shape
    frameworkErrors: (error, req, reply) => sendError(reply, error, logger, {operationId: req.url, stacktraces}),
  });
  // Bodies arrive as bytes; each route reads them by Content-Type itself (JSON, SSZ or 415).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", {parseAs: "buffer", bodyLimit}, (_req, body, done) => done(null, body));
  app.setErrorHandler((error, req, reply) => {
    sendError(reply, error, logger, {operationId: req.routeOptions.url ?? req.url, stacktraces});
  });
  app.setNotFoundHandler((req, reply) => {
    sendError(reply, new ApiError(404, `Route ${req.method} ${req.url.split("?")[0]} not found`), logger, {operationId: "notFound", stacktraces});
  });

  // methods are looked up per request, so an implementation may fill them in after start
  for (const route of Object.values(opts.routes ?? beaconApiRoutes)) {
    const method = (): UntypedImpl | undefined => impl[route.operationId]?.bind(impl);
    app.route({method: route.method, url: fastifyPath(route.path), handler: createRouteHandler(route, method, {logger, stacktraces})});
  }
  const eventstream = (): EventstreamImpl["eventstream"] | undefined => opts.implementation.eventstream?.bind(opts.implementation);
  app.route({
    method: eventstreamRoute.method,
    url: eventstreamRoute.path,
    handler: createEventstreamHandler(eventstream, {logger, stacktraces, open: openStreams, heartbeatMs: opts.eventstreamHeartbeatMs ?? 15_000}),
  });

  return {
    app,
    async listen() {
      await app.listen({host, port});
      const address = app.server.address();
      const boundPort = typeof address === "object" && address !== null ? address.port : port;
      const url = `http://${host.includes(":") ? `[${host}]` : host}:${boundPort}`;
      logger.info("Beacon API listening", {url});
      return {host, port: boundPort, url};
    },
    async close() {
      for (const controller of openStreams) controller.abort();
      await app.close();
    },
  };
}
