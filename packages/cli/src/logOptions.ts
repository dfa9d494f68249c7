// The logging flags every command shares, and the logger they make.
import type {Argv} from "yargs";
import {createLogger, type LogLevel, type Logger} from "@hearth/beacon-node";

export interface LogArgs {
  logLevel: string;
  logFormat: string;
  logFile?: string;
  logFileMaxSize: number;
  logFileMaxFiles: number;
}

export function withLogFlags<T>(y: Argv<T>): Argv<T & LogArgs> {
  return y
    .option("logLevel", {type: "string", default: "info", choices: ["error", "warn", "info", "debug", "trace"], describe: "Least severe level to print", group: "Logging:"})
    .option("logFormat", {type: "string", default: "human", choices: ["human", "json"], describe: "One readable line per event, or JSON lines for log shippers", group: "Logging:"})
    .option("logFile", {type: "string", describe: "Also append logs to this file (rotated by size)", group: "Logging:"})
    .option("logFileMaxSize", {type: "number", default: 100, describe: "Rotate --logFile when it reaches this many MB", group: "Logging:"})
    .option("logFileMaxFiles", {type: "number", default: 5, describe: "Rotated log files to keep (FILE.1 … FILE.N)", group: "Logging:"}) as unknown as Argv<T & LogArgs>;
}

export function loggerFromLogArgs(args: Pick<LogArgs, "logLevel" | "logFormat" | "logFile"> & Partial<LogArgs>): Logger {
  if (args.logFileMaxSize !== undefined && !(args.logFileMaxSize > 0)) throw new Error(`--logFileMaxSize must be a positive number of MB, got ${args.logFileMaxSize}`);
  if (args.logFileMaxFiles !== undefined && !(Number.isInteger(args.logFileMaxFiles) && args.logFileMaxFiles >= 0)) {
    throw new Error(`--logFileMaxFiles must be a whole number >= 0, got ${args.logFileMaxFiles}`);
  }
  return createLogger({
    level: args.logLevel as LogLevel,
    format: args.logFormat as "human" | "json",
    file: args.logFile,
    fileRotation: {maxBytes: Math.floor((args.logFileMaxSize ?? 100) * 1024 * 1024), maxFiles: args.logFileMaxFiles ?? 5},
  });
}
