// The flags every node command shares: where data lives, the API, metrics and logging.
import type {Argv} from "yargs";
import {createLogger, type LogLevel, type Logger} from "@hearth/beacon-node";

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
}

export function withNodeOptions<T>(y: Argv<T>, defaultDataDir: string): Argv<T & NodeArgs> {
  return y
    .option("dataDir", {type: "string", default: defaultDataDir, describe: "Where the chain is stored", group: "Node:"})
    .option("rest.address", {type: "string", default: "127.0.0.1", describe: "Beacon API address", group: "API:"})
    .option("rest.port", {type: "number", default: 9596, describe: "Beacon API port", group: "API:"})
    .option("metrics", {type: "boolean", default: true, describe: "Serve Prometheus metrics", group: "Metrics:"})
    .option("metrics.address", {type: "string", default: "127.0.0.1", group: "Metrics:"})
    .option("metrics.port", {type: "number", default: 8008, group: "Metrics:"})
    .option("logLevel", {type: "string", default: "info", choices: ["error", "warn", "info", "debug"], group: "Logging:"})
    .option("logFormat", {type: "string", default: "human", choices: ["human", "json"], group: "Logging:"})
    .option("logFile", {type: "string", describe: "Also append logs to this file", group: "Logging:"}) as unknown as Argv<T & NodeArgs>;
}

export function loggerFromArgs(args: NodeArgs): Logger {
  return createLogger({level: args.logLevel as LogLevel, format: args.logFormat as "human" | "json", file: args.logFile});
}

/** The BeaconNode options these flags set. */
export function serverOptions(args: NodeArgs): {api: {host: string; port: number}; metrics: {enabled: boolean; host: string; port: number}} {
  return {
    api: {host: args["rest.address"], port: args["rest.port"]},
    metrics: {enabled: args.metrics, host: args["metrics.address"], port: args["metrics.port"]},
  };
}
