// `hearth dev`: a local chain in one process — interop genesis, the node with a mock execution
// engine, and the validator duties of the interop keys through the node's own Beacon API.
import path from "node:path";
import type {CommandModule} from "yargs";
import {FORK_NAMES, ACTIVE_PRESET, ForkSeq, isForkName, type ForkName} from "@hearth/params";
import {interopSecretKeys, type BeaconStateBellatrix} from "@hearth/state-transition";
import {getMaxBlobsPerBlock, type ChainConfig} from "@hearth/config";
import {
  BeaconNode,
  ExecutionEngineMock,
  createDevGenesis,
  devChainConfig,
  genesisFork,
  nodeConfigRecord,
  DEFAULT_MOCK_GENESIS_BLOCK_HASH,
} from "@hearth/beacon-node";
import {loggerFromArgs, networkOptionsFromArgs, serverOptions, withNetworkOptions, withNodeOptions, type NetworkArgs, type NodeArgs} from "./nodeOptions.js";
import {startValidatorClient} from "../validator.js";
import {loadDevSettings, type DevSettings} from "../devSettings.js";
import {onShutdown} from "../shutdown.js";
import {VERSION} from "../version.js";

interface DevArgs extends NodeArgs, NetworkArgs {
  p2p: boolean;
  genesisValidators: number;
  preset: string;
  forkEpochs?: string;
  secondsPerSlot?: number;
  genesisTime?: number;
  validators?: number;
  blobsPerBlock: number;
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
    withNetworkOptions(withNodeOptions(y, "./.hearth/dev"), {listenAddress: "127.0.0.1", discv5: false})
      .option("p2p", {type: "boolean", default: true, describe: "Join the p2p network (--port, --directPeers …)", group: "Network:"})
      .option("genesisValidators", {type: "number", default: 64, describe: "Interop validators at genesis", group: "Chain:"})
      .option("preset", {type: "string", default: "minimal", choices: ["minimal", "mainnet"], describe: "SSZ preset", group: "Chain:"})
      .option("forkEpochs", {type: "string", describe: "Schedule forks later, e.g. electra=2,fulu=4 (default: every fork at genesis)", group: "Chain:"})
      .option("secondsPerSlot", {type: "number", describe: "Slot time (default: the preset's)", group: "Chain:"})
      .option("genesisTime", {type: "number", describe: "Unix time of genesis (default: now)", group: "Chain:"})
      .option("validators", {type: "number", describe: "Interop keys the built-in validator client runs (default: all; 0 for a node without duties)", group: "Chain:"})
      .option("blobsPerBlock", {type: "number", default: 0, describe: "Blobs the mock execution engine puts in every deneb+ payload (real KZG commitments and proofs)", group: "Chain:"}) as never,
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
    checkBlobsPerBlock(args.blobsPerBlock, config);
    // A genesis before the merge fork starts the execution chain at the zero hash (no PoW to merge from).
    const engine = new ExecutionEngineMock({
      genesisBlockHash: fork === "phase0" || fork === "altair" ? new Uint8Array(32) : DEFAULT_MOCK_GENESIS_BLOCK_HASH,
      genesisTimestamp: settings.genesisTime,
      logger: logger.child("execution"),
      blobsPerBlock: args.blobsPerBlock,
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
      network: args.p2p ? networkOptionsFromArgs(args) : null,
      ...serverOptions(args),
      version: VERSION,
    });

    if (args.blobsPerBlock > 0) {
      // The blobs' KZG proofs cost about a second each: pay it before the duties start rather than in
      // the first proposal, but after the node is up, so that its API and peers need not wait for it.
      const started = Date.now();
      const denebOn = config.DENEB_FORK_EPOCH !== Infinity;
      for (const blob of engine.prepareBlobs()) {
        if (config.FULU_FORK_EPOCH !== Infinity) blob.cellProofs();
        if (denebOn && config.FULU_FORK_EPOCH > 0) blob.blobProof();
        // Let the node answer its peers and API between blobs.
        await new Promise((r) => setImmediate(r));
      }
      logger.info("Mock engine blobs ready", {blobsPerBlock: args.blobsPerBlock, ms: Date.now() - started});
    }

    // --validators 0: the node alone, for a separate `hearth validator` to do the duties
    const ownKeys = Math.min(args.validators ?? settings.genesisValidators, settings.genesisValidators);
    const validator =
      ownKeys > 0
        ? await startValidatorClient({
            baseUrl: node.apiUrl ?? `http://${args["rest.address"]}:${args["rest.port"]}`,
            secretKeys: interopSecretKeys(settings.genesisValidators).slice(0, ownKeys),
            logger: logger.child("validator"),
            dataDir,
          })
        : null;
    onShutdown(logger, async () => {
      await validator?.stop();
      await node.close();
    });
  },
};

/** --blobsPerBlock must fit every blob limit the chain will meet (MAX_BLOBS_PER_BLOCK*, BLOB_SCHEDULE). */
export function checkBlobsPerBlock(blobsPerBlock: number, config: ChainConfig): void {
  if (!Number.isInteger(blobsPerBlock) || blobsPerBlock < 0) throw new Error(`--blobsPerBlock: a whole number >= 0, got ${blobsPerBlock}`);
  if (blobsPerBlock === 0) return;
  const epochs = [config.DENEB_FORK_EPOCH, config.ELECTRA_FORK_EPOCH, config.FULU_FORK_EPOCH, ...config.BLOB_SCHEDULE.map((e) => e.EPOCH)].filter((e) => Number.isFinite(e));
  if (epochs.length === 0) throw new Error("--blobsPerBlock: no fork with blobs (deneb or later) is scheduled");
  const limit = Math.min(...epochs.map((e) => getMaxBlobsPerBlock(config, Math.max(e, config.DENEB_FORK_EPOCH))));
  if (blobsPerBlock > limit) throw new Error(`--blobsPerBlock ${blobsPerBlock} exceeds the chain's blob limit ${limit}`);
}
