// The Beacon API implementation of the node: every route of @hearth/api's BeaconApiImpl over the
// chain, split by namespace under impl/. Serve it with createBeaconApiServer from @hearth/api.
import {noopLogger, type BeaconApiImpl, type Logger} from "@hearth/api";
import {createBeaconConfig, type ChainConfig} from "@hearth/config";
import type {BeaconChain} from "../chain/index.js";
import type {ApiContext} from "./impl/context.js";
import {createBlocksApi} from "./impl/beacon/blocks.js";
import {createPoolApi} from "./impl/beacon/pool.js";
import {createStateApi} from "./impl/beacon/state.js";
import {createConfigApi} from "./impl/config.js";
import {createDebugApi} from "./impl/debug.js";
import {createLightClientApi} from "./impl/lightClient.js";
import {createRewardsApi} from "./impl/rewards.js";
import {createEventsApi} from "./impl/events.js";
import {LivenessTracker} from "./impl/liveness.js";
import {createNodeApi} from "./impl/node.js";
import {createValidatorApi} from "./impl/validator.js";
import {createStateExtraApi} from "./impl/beacon/stateExtra.js";
import {createBlockExtraApi} from "./impl/beacon/blockExtra.js";
import {ProducedPayloadCache} from "./impl/producedPayloads.js";
import type {ApiNetwork} from "./impl/network.js";

export {nodeVersionString} from "./impl/node.js";
export {getValidatorStatus} from "./impl/beacon/validators.js";
export {specConstants, presetValues} from "./impl/config.js";
export type {ApiNetwork} from "./impl/network.js";

export interface BeaconApiImplOptions {
  chain: BeaconChain;
  /** The chain's config by default. */
  config?: ChainConfig;
  logger?: Logger;
  /** The node's version, e.g. "0.1.0": /node/version answers "Hearth/v0.1.0/<platform>". */
  version: string;
  /** The node's libp2p peer id, once it has networking. */
  peerId?: string;
  /** Whether the execution engine is unreachable (/node/syncing's el_offline); never by default. */
  isElOffline?: () => boolean;
  /** Whether the node is ready to serve (/node/health answers 503 until it is); always by default. */
  isInitialized?: () => boolean;
  /** The node's network (peers, identity); without one the node has no peers. */
  network?: ApiNetwork;
  /** The source commit, 0x and 8 hex digits, for /eth/v2/node/version. */
  commit?: string;
}

export interface BeaconApiImplHandle extends BeaconApiImpl {
  /** Fee recipients from prepareBeaconProposer, by validator index. */
  readonly feeRecipients: ReadonlyMap<number, Uint8Array>;
  /** Detaches the implementation from the chain's events. */
  close(): void;
}

export function createBeaconApiImpl(opts: BeaconApiImplOptions): BeaconApiImplHandle {
  const {chain} = opts;
  const config = opts.config ?? chain.config;
  const ctx: ApiContext = {
    chain,
    config,
    beaconConfig: createBeaconConfig(config, chain.genesisValidatorsRoot),
    logger: opts.logger ?? noopLogger,
    version: opts.version,
    commit: opts.commit ?? "0x00000000",
    peerId: opts.peerId ?? null,
    producedPayloads: new ProducedPayloadCache(),
    network: opts.network ?? null,
    feeRecipients: new Map(),
    liveness: new LivenessTracker(chain),
    isElOffline: opts.isElOffline ?? (() => false),
    isInitialized: opts.isInitialized ?? (() => true),
    genesisState: null,
  };
  return {
    ...createNodeApi(ctx),
    ...createStateApi(ctx),
    ...createStateExtraApi(ctx),
    ...createBlockExtraApi(ctx),
    ...createBlocksApi(ctx),
    ...createPoolApi(ctx),
    ...createValidatorApi(ctx),
    ...createConfigApi(ctx),
    ...createDebugApi(ctx),
    ...createLightClientApi(ctx),
    ...createRewardsApi(ctx),
    ...createEventsApi(ctx),
    feeRecipients: ctx.feeRecipients,
    close: () => ctx.liveness.close(),
  };
}
