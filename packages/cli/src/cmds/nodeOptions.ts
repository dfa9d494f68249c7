// The flags every node command shares: where data lives, the API, metrics and logging.
import type {Argv} from "yargs";
import type {Logger, NodeNetworkOptions} from "@hearth/beacon-node";
import {loggerFromLogArgs, withLogFlags} from "../logOptions.js";

export interface NodeArgs {
  dataDir: string;
  "rest.address": string;
  "rest.port": number;
  metrics: boolean;
  "metrics.address": string;
  "metrics.port": number;
  logLevel: string;
  logFormat: string;
  logFile?: string;
  logFileMaxSize: number;
  logFileMaxFiles: number;
}

export function withNodeOptions<T>(y: Argv<T>, defaultDataDir: string): Argv<T & NodeArgs> {
  return withLogFlags(y)
    .option("dataDir", {type: "string", default: defaultDataDir, describe: "Where the chain is stored", group: "Node:"})
    .option("rest.address", {type: "string", default: "127.0.0.1", describe: "Beacon API address", group: "API:"})
    .option("rest.port", {type: "number", default: 9596, describe: "Beacon API port", group: "API:"})
    .option("metrics", {type: "boolean", default: true, describe: "Serve Prometheus metrics", group: "Metrics:"})
    .option("metrics.address", {type: "string", default: "127.0.0.1", group: "Metrics:"})
    .option("metrics.port", {type: "number", default: 8008, group: "Metrics:"}) as unknown as Argv<T & NodeArgs>;
}

export function loggerFromArgs(args: NodeArgs): Logger {
  return loggerFromLogArgs(args);
}

/** The BeaconNode options these flags set. */
export function serverOptions(args: NodeArgs): {api: {host: string; port: number}; metrics: {enabled: boolean; host: string; port: number}} {
  return {
    api: {host: args["rest.address"], port: args["rest.port"]},
    metrics: {enabled: args.metrics, host: args["metrics.address"], port: args["metrics.port"]},
  };
}

export interface NetworkArgs {
  port: number;
  listenAddress: string;
  directPeers?: string[];
  bootnodes?: string[];
  targetPeers: number;
  maxPeers: number;
  discv5: boolean;
  supernode: boolean;
  "debug.skipColumnSubnets"?: boolean;
}

/** The p2p flags; `hearth dev` listens on loopback without discovery, `hearth beacon` on all interfaces with it. */
export function withNetworkOptions<T>(y: Argv<T>, defaults: {listenAddress: string; discv5: boolean}): Argv<T & NetworkArgs> {
  const list = (v: string[] | string | undefined): string[] => (v === undefined ? [] : [v].flat().flatMap((s) => String(s).split(",")).map((s) => s.trim()).filter(Boolean));
  return y
    .option("port", {type: "number", default: 9000, describe: "libp2p TCP port (and discv5 UDP)", group: "Network:"})
    .option("listenAddress", {type: "string", default: defaults.listenAddress, describe: "IPv4 address to listen on", group: "Network:"})
    .option("directPeers", {type: "string", array: true, coerce: list, describe: "Multiaddrs with /p2p/<id> to stay connected to (comma-separated or repeated)", group: "Network:"})
    .option("bootnodes", {type: "string", array: true, coerce: list, describe: "Bootnode ENRs (comma-separated or repeated)", group: "Network:"})
    .option("targetPeers", {type: "number", default: 50, describe: "Peers to aim for", group: "Network:"})
    .option("maxPeers", {type: "number", default: 55, describe: "Most peers to accept", group: "Network:"})
    .option("discv5", {type: "boolean", default: defaults.discv5, describe: "Find peers with discv5", group: "Network:"})
    .option("supernode", {type: "boolean", default: false, describe: "Custody and serve every data column (fulu PeerDAS), and advertise it", group: "Network:"})
    // A test hook: a node whose column subnets have no peers, to exercise req/resp column fetching.
    .option("debug.skipColumnSubnets", {type: "boolean", hidden: true, describe: "Join no data column gossip subnet"}) as unknown as Argv<T & NetworkArgs>;
}

export function networkOptionsFromArgs(args: NetworkArgs, networkName?: string): NodeNetworkOptions {
  if (args.maxPeers < args.targetPeers) throw new Error(`--maxPeers ${args.maxPeers} is below --targetPeers ${args.targetPeers}`);
  return {
    host: args.listenAddress,
    port: args.port,
    directPeers: args.directPeers ?? [],
    bootnodes: args.bootnodes ?? [],
    targetPeers: args.targetPeers,
    maxPeers: args.maxPeers,
    discv5: args.discv5,
    supernode: args.supernode,
    skipColumnSubnets: args["debug.skipColumnSubnets"] === true,
    networkName,
  };
}
