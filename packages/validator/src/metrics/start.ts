// One call for `hearth validator --metrics`: a registry, the API client counted through it, and the
// /metrics server. Without --metrics the API client is returned as it was.
import type {Logger} from "@hearth/api";
import type {ValidatorApi} from "../api.js";
import {instrumentValidatorApi} from "./instrumentApi.js";
import {startMetricsServer} from "@hearth/api";
import {createValidatorMetrics} from "./validatorMetrics.js";

export const DEFAULT_VALIDATOR_METRICS_PORT = 5064;

export async function startValidatorMetrics<A extends ValidatorApi>(
  api: A,
  opts: {enabled: boolean; host: string; port: number; logger: Logger},
): Promise<{api: A; close: () => Promise<void>}> {
  if (!opts.enabled) return {api, close: async () => {}};
  const metrics = createValidatorMetrics();
  const server = await startMetricsServer(metrics.registry, {host: opts.host, port: opts.port});
  opts.logger.info("Metrics listening", {url: `http://${opts.host}:${server.port}/metrics`});
  return {api: instrumentValidatorApi(api, metrics) as A, close: () => server.close()};
}
