// `hearth dev`: a local chain in one process — interop genesis, the node with a mock execution
// engine, and the validator duties of the interop keys through the node's own Beacon API.
import path from "node:path";
import type {CommandModule} from "yargs";
import {FORK_NAMES, ACTIVE_PRESET, ForkSeq, isForkName, type ForkName} from "@hearth/params";
import {interopSecretKeys, type BeaconStateBellatrix} from "@hearth/state-transition";
import {
  BeaconNode,
  ExecutionEngineMock,
  createDevGenesis,
  devChainConfig,
  genesisFork,
  nodeConfigRecord,
  DEFAULT_MOCK_GENESIS_BLOCK_HASH,
} from "@hearth/beacon-node";
import {loggerFromArgs, serverOptions, withNodeOptions, type NodeArgs} from "./nodeOptions.js";
import {startValidatorClient} from "../validator.js";
import {loadDevSettings, type DevSettings} from "../devSettings.js";
import {onShutdown} from "../shutdown.js";

interface DevArgs extends NodeArgs {
  genesisValidators: number;
  preset: string;
  forkEpochs?: string;
  secondsPerSlot?: number;
  genesisTime?: number;
}

/** "bellatrix=2,capella=4" → {bellatrix: 2, capella: 4}; forks left out are at genesis. */
export function parseForkEpochs(value: string | undefined): Partial<Record<ForkName, number>> {
  const out: Partial<Record<ForkName, number>> = {};
  if (!value) return out;
  for (const part of value.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [name, epoch] = part.split("=");
    if (!isForkName(name) || name === "phase0") throw new Error(`--forkEpochs: unknown fork "${name}" (one of ${FORK_NAMES.slice(1).join(", ")})`);
    const n = Number(epoch);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--forkEpochs: ${name} needs a whole epoch number, got "${epoch}"`);
    out[name] = n;
  }
  return out;
}

export const devCommand: CommandModule<object, DevArgs> = {
  command: "dev",
  describe: "Run a local dev chain: a beacon node and validators on interop keys, with a mock execution engine",
  builder: (y) =>
    withNodeOptions(y, "./.hearth/dev")
      .option("genesisValidators", {type: "number", default: 64, describe: "Interop validators at genesis", group: "Chain:"})
      .option("preset", {type: "string", default: "minimal", choices: ["minimal", "mainnet"], describe: "SSZ preset", group: "Chain:"})
      .option("forkEpochs", {type: "string", describe: "Schedule forks later, e.g. electra=2,fulu=4 (default: every fork at genesis)", group: "Chain:"})
      .option("secondsPerSlot", {type: "number", describe: "Slot time (default: the preset's)", group: "Chain:"})
      .option("genesisTime", {type: "number", describe: "Unix time of genesis (default: now)", group: "Chain:"}) as never,
  handler: async (args) => {
    const logger = loggerFromArgs(args);
    const dataDir = path.resolve(args.dataDir);
    const settings: DevSettings = loadDevSettings(dataDir, {
      preset: ACTIVE_PRESET,
      genesisValidators: args.genesisValidators,
      forkEpochs: parseForkEpochs(args.forkEpochs),
      secondsPerSlot: args.secondsPerSlot,
      genesisTime: args.genesisTime ?? Math.floor(Date.now() / 1000),
    });
    const config = devChainConfig({preset: ACTIVE_PRESET, forkEpochs: settings.forkEpochs, secondsPerSlot: settings.secondsPerSlot});
    const fork = genesisFork(config);
    // A genesis before the merge fork starts the execution chain at the zero hash (no PoW to merge from).
    const engine = new ExecutionEngineMock({
      genesisBlockHash: fork === "phase0" || fork === "altair" ? new Uint8Array(32) : DEFAULT_MOCK_GENESIS_BLOCK_HASH,
      genesisTimestamp: settings.genesisTime,
      logger: logger.child("execution"),
    });
    logger.info("Starting dev chain", {validators: settings.genesisValidators, preset: ACTIVE_PRESET, genesisFork: fork, secondsPerSlot: config.SECONDS_PER_SLOT, dataDir});

    const node = await BeaconNode.init({
      config,
      dataDir,
      logger,
      executionEngine: engine,
      nodeConfig: nodeConfigRecord(config, {genesisValidatorCount: settings.genesisValidators}),
      createAnchor: () => createDevGenesis(config, settings.genesisValidators, settings.genesisTime),
      // After a restart the mock only knows genesis: teach it the resumed state's payload, on which the
      // replayed blocks build.
      beforeResume: ({fork, state}) => {
        if (ForkSeq[fork] >= ForkSeq.bellatrix) engine.addKnownBlock((state as BeaconStateBellatrix).latestExecutionPayloadHeader.toValue());
      },
      ...serverOptions(args),
    });

    const validator = await startValidatorClient({
      baseUrl: node.apiUrl ?? `http://${args["rest.address"]}:${args["rest.port"]}`,
      secretKeys: interopSecretKeys(settings.genesisValidators),
      logger: logger.child("validator"),
    });
    onShutdown(logger, async () => {
      await validator.stop();
      await node.close();
    });
  },
};
