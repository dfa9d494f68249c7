// The light-client server: bootstraps, best updates per period, latest finality and optimistic updates.
export {LightClientServer, LightClientServerEvent, MAX_BOOTSTRAPS, MAX_PERIODS, type Forked, type LightClientServerDeps} from "./lightClientServer.js";
