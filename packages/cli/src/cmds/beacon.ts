// `hearth beacon`: a beacon node on a public network, a config of your own, or a dev chain's
// (--dev, the same interop genesis `hearth dev` builds). It joins the p2p network, starts from its
// DB, a checkpoint (--checkpointSyncUrl, --checkpointState) or genesis, and range-syncs from peers.
import path from "node:path";
import os from "node:os";
import type {CommandModule} from "yargs";
import {ACTIVE_PRESET, ForkSeq} from "@hearth/params";
import {getNetworkConfig, isNetworkName, loadChainConfigFile, NETWORK_NAMES, type ChainConfig} from "@hearth/config";
import type {BeaconStateBellatrix, CachedBeaconState} from "@hearth/state-transition";
import {
  BeaconNode,
  ExecutionEngineHttp,
  ExecutionEngineMock,
  DEFAULT_MOCK_GENESIS_BLOCK_HASH,
  createDevGenesis,
  devChainConfig,
  fetchCheckpointAnchor,
  genesisFork,
  loadCheckpointAnchorFile,
  nodeConfigRecord,
  readJwtSecret,
  type ChainExecutionEngine,
  type CheckpointAnchor,
} from "@hearth/beacon-node";
import {loggerFromArgs, networkOptionsFromArgs, serverOptions, withNetworkOptions, withNodeOptions, type NetworkArgs, type NodeArgs} from "./nodeOptions.js";
import {parseForkEpochs} from "./dev.js";
import {onShutdown} from "../shutdown.js";
import {VERSION} from "../version.js";

interface BeaconArgs extends NodeArgs, NetworkArgs {
  preset?: string;
  dev?: boolean;
  genesisValidators: number;
  genesisTime?: number;
  secondsPerSlot?: number;
  forkEpochs?: string;
  "execution.mock"?: boolean;
  network?: string;
  paramsFile?: string;
  checkpointState?: string;
  checkpointSyncUrl?: string;
  "execution.urls": string;
  jwtSecret?: string;
}

/** The chain config from --paramsFile or --network, checked against the preset this process runs. */
export function chainConfigFromArgs(args: {network?: string; paramsFile?: string}): ChainConfig {
  if (args.paramsFile && args.network) throw new Error("give either --network or --paramsFile, not both");
  const config = args.paramsFile ? loadChainConfigFile(args.paramsFile) : networkConfig(args.network ?? "mainnet");
  if (config.PRESET_BASE !== ACTIVE_PRESET) {
    throw new Error(`the ${config.CONFIG_NAME} config uses the ${String(config.PRESET_BASE)} preset: start with --preset ${String(config.PRESET_BASE)}`);
  }
  return config;
}

function networkConfig(name: string): ChainConfig {
  if (!isNetworkName(name)) throw new Error(`unknown --network "${name}": one of ${NETWORK_NAMES.join(", ")}`);
  return getNetworkConfig(name);
}

export const beaconCommand: CommandModule<object, BeaconArgs> = {
  command: "beacon",
  describe: "Run a beacon node with an execution client",
  builder: (y) =>
    withNetworkOptions(withNodeOptions(y, path.join(os.homedir(), ".hearth", "beacon")), {listenAddress: "0.0.0.0", discv5: true})
      .option("preset", {type: "string", choices: ["mainnet", "minimal"], describe: "SSZ preset (default mainnet)", group: "Chain:"})
      .option("network", {type: "string", describe: `A known network: ${NETWORK_NAMES.join(", ")} (default mainnet)`, group: "Chain:"})
      .option("paramsFile", {type: "string", describe: "A consensus config.yaml instead of --network", group: "Chain:"})
      .option("dev", {type: "boolean", describe: "Follow a `hearth dev` chain: its config and interop genesis, from the same --genesisTime/--genesisValidators", group: "Chain:"})
      .option("genesisValidators", {type: "number", default: 64, describe: "--dev: interop validators at genesis", group: "Chain:"})
      .option("genesisTime", {type: "number", describe: "--dev: the dev chain's genesis time", group: "Chain:"})
      .option("secondsPerSlot", {type: "number", describe: "--dev: slot time", group: "Chain:"})
      .option("forkEpochs", {type: "string", describe: "--dev: fork schedule, e.g. electra=2", group: "Chain:"})
      .option("checkpointState", {type: "string", describe: "SSZ of a finalized BeaconState to start an empty --dataDir from", group: "Chain:"})
      .option("checkpointSyncUrl", {type: "string", describe: "Trusted Beacon API to fetch the finalized state and block from, for an empty --dataDir", group: "Chain:"})
      .option("execution.urls", {type: "string", default: "http://127.0.0.1:8551", describe: "Engine API of the execution client", group: "Execution:"})
      .option("execution.mock", {type: "boolean", describe: "Use the built-in mock execution engine (dev chains and tests; no real EL)", group: "Execution:"})
      .option("jwtSecret", {type: "string", describe: "File with the engine API's shared JWT secret (hex)", group: "Execution:"}) as never,
  handler: async (args) => {
    if (args.checkpointSyncUrl && args.checkpointState) throw new Error("give either --checkpointSyncUrl or --checkpointState, not both");
    if (args.dev && (args.network || args.paramsFile)) throw new Error("--dev builds the dev chain's config: drop --network/--paramsFile");
    if (args.dev && args.genesisTime === undefined) throw new Error("--dev needs the dev chain's --genesisTime (hearth dev logs it and keeps it in dev-settings.json)");
    // the chain config first: a network/preset mismatch is the more basic mistake
    const config = args.dev
      ? devChainConfig({preset: ACTIVE_PRESET, forkEpochs: parseForkEpochs(args.forkEpochs), secondsPerSlot: args.secondsPerSlot})
      : chainConfigFromArgs(args);
    const mock = args["execution.mock"] === true;
    if (!mock && !args.jwtSecret) throw new Error("--jwtSecret FILE is required: the execution client's engine API only accepts authenticated calls (or --execution.mock for a dev chain)");
    const logger = loggerFromArgs(args);
    const dataDir = path.resolve(args.dataDir);
    const genesisTime = args.genesisTime ?? 0;
    let mockEngine: ExecutionEngineMock | null = null;
    let executionEngine: ChainExecutionEngine;
    if (mock) {
      const fork = genesisFork(config);
      mockEngine = new ExecutionEngineMock({
        genesisBlockHash: fork === "phase0" || fork === "altair" ? new Uint8Array(32) : DEFAULT_MOCK_GENESIS_BLOCK_HASH,
        genesisTimestamp: genesisTime,
        logger: logger.child("execution"),
      });
      executionEngine = mockEngine;
    } else {
      executionEngine = new ExecutionEngineHttp({url: args["execution.urls"].split(",")[0], jwtSecret: readJwtSecret(args.jwtSecret!), logger: logger.child("execution")});
    }
    // The mock knows only its genesis: teach it the payload a checkpoint or a restart builds on.
    const primeMock = (state: CachedBeaconState["state"], fork: string): void => {
      if (mockEngine && ForkSeq[fork as keyof typeof ForkSeq] >= ForkSeq.bellatrix) mockEngine.addKnownBlock((state as BeaconStateBellatrix).latestExecutionPayloadHeader.toValue());
    };
    const node = await BeaconNode.init({
      config,
      dataDir,
      logger,
      executionEngine,
      nodeConfig: nodeConfigRecord(config, args.dev ? {genesisValidatorCount: args.genesisValidators} : {}),
      createAnchor: async (): Promise<CachedBeaconState | CheckpointAnchor> => {
        let anchor: CheckpointAnchor | CachedBeaconState;
        if (args.checkpointSyncUrl) {
          anchor = await fetchCheckpointAnchor({url: args.checkpointSyncUrl, config, logger: logger.child("checkpoint")});
        } else if (args.checkpointState) {
          anchor = loadCheckpointAnchorFile(args.checkpointState, config, logger.child("checkpoint"));
        } else if (args.dev) {
          logger.info("Starting from the dev chain's interop genesis", {genesisTime, validators: args.genesisValidators});
          anchor = createDevGenesis(config, args.genesisValidators, genesisTime);
        } else {
          throw new Error(`${dataDir} holds no chain yet: start it with --checkpointSyncUrl URL or --checkpointState FILE`);
        }
        const cs = "epochCtx" in anchor ? anchor : anchor.state;
        primeMock(cs.state, cs.fork);
        return anchor;
      },
      beforeResume: ({fork, state}) => primeMock(state, fork),
      network: networkOptionsFromArgs(args, args.dev ? undefined : (args.network ?? (args.paramsFile ? undefined : "mainnet"))),
      ...serverOptions(args),
      version: VERSION,
    });
    onShutdown(logger, () => node.close());
  },
};
