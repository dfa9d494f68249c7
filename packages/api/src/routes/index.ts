// The route table. To serve a new route: define it with defineRoute in its namespace file and
// add it to that namespace's table; the server, the client and BeaconApiImpl follow from it.
import {beaconRoutes} from "./beacon/index.js";
import {configRoutes} from "./config.js";
import {debugRoutes} from "./debug.js";
import type {EventstreamImpl} from "./events.js";
import {nodeRoutes} from "./node.js";
import type {RouteDef, RoutesImpl} from "./route.js";
import {validatorRoutes} from "./validator.js";
import {lightClientRoutes} from "./lightClient.js";
import {rewardsRoutes} from "./beacon/rewards.js";

/** Every request/response route of the Beacon API that Hearth serves, keyed by operationId. */
export const beaconApiRoutes = {
  ...nodeRoutes,
  ...beaconRoutes,
  ...validatorRoutes,
  ...configRoutes,
  ...debugRoutes,
  ...lightClientRoutes,
  ...rewardsRoutes,
};
export type BeaconApiRoutes = typeof beaconApiRoutes;
export type OperationId = keyof BeaconApiRoutes;

/** What a beacon node implements to be served: one async method per operationId, plus events. */
export type BeaconApiImpl = RoutesImpl<BeaconApiRoutes> & EventstreamImpl;

// every route keyed by its own operationId: the server and client rely on it
for (const [key, route] of Object.entries(beaconApiRoutes) as [string, RouteDef][]) {
  if (route.operationId !== key) throw new Error(`route ${key} has operationId ${route.operationId}`);
}
