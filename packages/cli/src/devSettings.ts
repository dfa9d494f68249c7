// A dev chain's settings live beside its DB, so that a restart rebuilds the same chain config, and a
// restart that asks for a different chain is refused with a clear message instead of a silent reset.
import path from "node:path";
import {existsSync, mkdirSync, readFileSync, writeFileSync} from "node:fs";
import type {ForkName} from "@hearth/params";

export interface DevSettings {
  preset: "mainnet" | "minimal";
  genesisValidators: number;
  forkEpochs: Partial<Record<ForkName, number>>;
  secondsPerSlot?: number;
  genesisTime: number;
}

const FILE = "dev-settings.json";

/**
 * The stored settings when `dataDir` has a chain (genesis time comes from there), else `wanted`
 * written down. Throws when the stored chain differs from what this run asks for.
 */
export function loadDevSettings(dataDir: string, wanted: DevSettings): DevSettings {
  const file = path.join(dataDir, FILE);
  if (!existsSync(file)) {
    mkdirSync(dataDir, {recursive: true});
    writeFileSync(file, JSON.stringify(wanted, null, 2) + "\n");
    return wanted;
  }
  let stored: DevSettings;
  try {
    stored = JSON.parse(readFileSync(file, "utf8")) as DevSettings;
  } catch (e) {
    throw new Error(`${file} is not readable JSON (${(e as Error).message}): delete ${dataDir} to start a new chain`);
  }
  for (const key of ["preset", "genesisValidators", "secondsPerSlot"] as const) {
    if (wanted[key] !== undefined && stored[key] !== wanted[key]) {
      throw new Error(
        `the dev chain in ${dataDir} was made with ${key}=${String(stored[key])}, not ${String(wanted[key])}: ` +
          `restart with the same flags, or use another --dataDir to start a new chain`
      );
    }
  }
  if (JSON.stringify(wanted.forkEpochs) !== "{}" && JSON.stringify(wanted.forkEpochs) !== JSON.stringify(stored.forkEpochs)) {
    throw new Error(`the dev chain in ${dataDir} has another fork schedule (${JSON.stringify(stored.forkEpochs)}): use another --dataDir for a new one`);
  }
  return stored;
}
