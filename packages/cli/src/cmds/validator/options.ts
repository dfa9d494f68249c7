// The flags of `hearth validator`.
import type {Argv} from "yargs";
import type {Logger} from "@hearth/beacon-node";
import {loggerFromLogArgs, withLogFlags} from "../../logOptions.js";

export interface ValidatorArgs {
  dataDir: string;
  beaconNodes: string;
  keystoresDir?: string;
  secretsDir?: string;
  passwordFile?: string;
  keymanager: boolean;
  "keymanager.port": number;
  "keymanager.address": string;
  metrics: boolean;
  "metrics.port": number;
  "metrics.address": string;
  "externalSigner.url"?: string;
  doppelgangerProtection: boolean;
  suggestedFeeRecipient?: string;
  graffiti?: string;
  gasLimit?: number;
  "builder.registrations": boolean;
  logLevel: string;
  logFormat: string;
  logFile?: string;
}

export const DEFAULT_VALIDATOR_DATA_DIR = "./.hearth/validator";

export function withLogOptions<T>(y: Argv<T>): Argv<T> {
  return withLogFlags(y) as unknown as Argv<T>;
}

export function withValidatorOptions<T>(y: Argv<T>): Argv<T & ValidatorArgs> {
  return withLogOptions(y)
    .option("dataDir", {type: "string", default: DEFAULT_VALIDATOR_DATA_DIR, describe: "Slashing protection DB, imported keys, keymanager token", group: "Validator:"})
    // read before anything loads (src/preset.ts); declared here so that strict parsing accepts it
    .option("preset", {type: "string", default: "mainnet", choices: ["minimal", "mainnet"], describe: "SSZ preset of the chain (the beacon node's)", group: "Validator:"})
    .option("beaconNodes", {type: "string", default: "http://127.0.0.1:9596", describe: "Beacon API URLs, comma-separated; the first healthy one is used", group: "Validator:"})
    .option("keystoresDir", {type: "string", describe: "EIP-2335 keystores to load (besides those imported into --dataDir)", group: "Keys:"})
    .option("secretsDir", {type: "string", describe: "One password file per key, named 0x<pubkey>", group: "Keys:"})
    .option("passwordFile", {type: "string", describe: "One password for every keystore of --keystoresDir", group: "Keys:"})
    .option("externalSigner.url", {type: "string", describe: "Web3Signer URL: sign for every key it holds", group: "Keys:"})
    .option("doppelgangerProtection", {type: "boolean", default: false, describe: "Watch 2 epochs for the keys being live elsewhere before signing", group: "Validator:"})
    .option("suggestedFeeRecipient", {type: "string", describe: "Default fee recipient (0x address)", group: "Validator:"})
    .option("graffiti", {type: "string", describe: "Default graffiti (at most 32 bytes)", group: "Validator:"})
    .option("gasLimit", {type: "number", describe: "Default gas limit of builder registrations (default 60000000)", group: "Validator:"})
    .option("builder.registrations", {type: "boolean", default: false, describe: "Send signed builder registrations (fee recipient, gas limit) each epoch", group: "Validator:"})
    .option("keymanager", {type: "boolean", default: false, describe: "Serve the Keymanager API", group: "Keymanager API:"})
    .option("keymanager.port", {type: "number", default: 5062, group: "Keymanager API:"})
    .option("keymanager.address", {type: "string", default: "127.0.0.1", group: "Keymanager API:"})
    .option("metrics", {type: "boolean", default: false, describe: "Serve Prometheus metrics (duty effectiveness)", group: "Metrics:"})
    .option("metrics.port", {type: "number", default: 5064, group: "Metrics:"})
    .option("metrics.address", {type: "string", default: "127.0.0.1", group: "Metrics:"}) as unknown as Argv<T & ValidatorArgs>;
}

export function validatorLogger(args: Pick<ValidatorArgs, "logLevel" | "logFormat" | "logFile">): Logger {
  return loggerFromLogArgs(args);
}
