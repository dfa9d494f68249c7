// `hearth beacon`: a beacon node on a public network or a config of your own, with a real execution
// engine. Until networking lands it follows no peers: it starts from a checkpoint state you give it
// (or its DB) and serves the Beacon API and metrics over what it holds.
import path from "node:path";
import os from "node:os";
import {readFileSync} from "node:fs";
import type {CommandModule} from "yargs";
import {ACTIVE_PRESET, SLOTS_PER_EPOCH} from "@hearth/params";
import {createForkSchedule, getNetworkConfig, isNetworkName, loadChainConfigFile, NETWORK_NAMES, type ChainConfig} from "@hearth/config";
import {loadCachedBeaconState} from "@hearth/state-transition";
import {BeaconNode, ExecutionEngineHttp, nodeConfigRecord, readJwtSecret} from "@hearth/beacon-node";
import {loggerFromArgs, serverOptions, withNodeOptions, type NodeArgs} from "./nodeOptions.js";
import {onShutdown} from "../shutdown.js";

interface BeaconArgs extends NodeArgs {
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

/** slot is the third field of every fork's BeaconState: genesis_time (8) + genesis_validators_root (32). */
function stateSlot(bytes: Uint8Array): number {
  if (bytes.length < 48) throw new Error("not an SSZ BeaconState: too short");
  return Number(new DataView(bytes.buffer, bytes.byteOffset + 40, 8).getBigUint64(0, true));
}

export const beaconCommand: CommandModule<object, BeaconArgs> = {
  command: "beacon",
  describe: "Run a beacon node with an execution client",
  builder: (y) =>
    withNodeOptions(y, path.join(os.homedir(), ".hearth", "beacon"))
      .option("network", {type: "string", describe: `A known network: ${NETWORK_NAMES.join(", ")} (default mainnet)`, group: "Chain:"})
      .option("paramsFile", {type: "string", describe: "A consensus config.yaml instead of --network", group: "Chain:"})
      .option("checkpointState", {type: "string", describe: "SSZ of a finalized BeaconState to start an empty --dataDir from", group: "Chain:"})
      .option("checkpointSyncUrl", {type: "string", describe: "Beacon API to fetch the finalized state from (needs networking: not yet)", group: "Chain:"})
      .option("execution.urls", {type: "string", default: "http://127.0.0.1:8551", describe: "Engine API of the execution client", group: "Execution:"})
      .option("jwtSecret", {type: "string", describe: "File with the engine API's shared JWT secret (hex)", group: "Execution:"}) as never,
  handler: async (args) => {
    if (args.checkpointSyncUrl) {
      throw new Error("--checkpointSyncUrl is not available yet: it arrives with networking and sync. Use --checkpointState FILE");
    }
    if (!args.jwtSecret) throw new Error("--jwtSecret FILE is required: the execution client's engine API only accepts authenticated calls");
    const logger = loggerFromArgs(args);
    const config = chainConfigFromArgs(args);
    const dataDir = path.resolve(args.dataDir);
    const executionEngine = new ExecutionEngineHttp({url: args["execution.urls"].split(",")[0], jwtSecret: readJwtSecret(args.jwtSecret), logger: logger.child("execution")});
    const node = await BeaconNode.init({
      config,
      dataDir,
      logger,
      executionEngine,
      nodeConfig: nodeConfigRecord(config),
      createAnchor: () => {
        if (!args.checkpointState) {
          throw new Error(`${dataDir} holds no chain yet: start it from a finalized state with --checkpointState FILE`);
        }
        const bytes = new Uint8Array(readFileSync(args.checkpointState));
        const fork = createForkSchedule(config).forkAtEpoch(Math.floor(stateSlot(bytes) / SLOTS_PER_EPOCH));
        logger.info("Starting from a checkpoint state", {file: args.checkpointState, fork});
        return loadCachedBeaconState(fork, bytes, config);
      },
      ...serverOptions(args),
    });
    onShutdown(logger, () => node.close());
  },
};
