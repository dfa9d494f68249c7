import {createBeaconApiClient, createBeaconApiServer, type BeaconApiClient, type BeaconApiServer} from "@hearth/api";
import {computeSigningRoot, toHex} from "@hearth/config";
import {DOMAIN_RANDAO, type ForkName} from "@hearth/params";
import {util} from "@hearth/state-transition";
import {ssz} from "@hearth/types";
import {createBeaconApiImpl, type BeaconApiImplHandle} from "../../../../src/api/index.js";
import {DevHarness} from "../../chain/harness.js";
import type {Recorder} from "./report.js";

export const VALIDATORS = 64;
export const VERSION = "0.1.0";

/** A dev chain (driven by hand), the API implementation over it, served on a free port, and a client. */
export interface ScenarioContext {
  fork: ForkName;
  h: DevHarness;
  impl: BeaconApiImplHandle;
  server: BeaconApiServer;
  url: string;
  client: BeaconApiClient;
  r: Recorder;
  genesisRoot: string;
  genesisStateRoot: string;
}

export async function createScenario(fork: ForkName, r: Recorder): Promise<ScenarioContext> {
  const h = await DevHarness.create({fork, validatorCount: VALIDATORS});
  const impl = createBeaconApiImpl({chain: h.chain, version: VERSION});
  const server = createBeaconApiServer({implementation: impl, host: "127.0.0.1", port: 0});
  const {url} = await server.listen();
  const client = createBeaconApiClient({baseUrl: url, timeoutMs: 30_000});
  return {fork, h, impl, server, url, client, r, genesisRoot: h.chain.anchorRoot, genesisStateRoot: toHex(h.genesis.state.hashTreeRoot())};
}

export async function closeScenario(ctx: ScenarioContext): Promise<void> {
  ctx.impl.close();
  await ctx.server.close();
  await ctx.h.chain.stop();
}

/** The RANDAO reveal of `validatorIndex` for the epoch of `slot`. */
export function randaoReveal(ctx: ScenarioContext, validatorIndex: number, slot: number): Uint8Array {
  const epoch = util.computeEpochAtSlot(slot);
  return ctx.h.keys[validatorIndex].sign(computeSigningRoot(ssz.Epoch, epoch, ctx.h.domain(DOMAIN_RANDAO, epoch))).toBytes();
}
