// The validator duties `hearth dev` runs beside its node: a ValidatorClient over the node's own
// Beacon API, as a separate validator process would use it, and like one it signs through slashing
// protection (a database in <dataDir>/validator), so that no path in Hearth signs unprotected: a
// restart of the dev chain never signs a second, conflicting block or vote for an interop key.
import fs from "node:fs";
import path from "node:path";
import {createBeaconApiClient} from "@hearth/api";
import type {SecretKey} from "@hearth/bls";
import {SlashingProtection, ValidatorClient, slashingProtectionDbDir} from "@hearth/validator";
import type {Logger} from "@hearth/beacon-node";

/** Where `hearth dev` keeps its validator's data (the slashing protection database) inside its dataDir. */
export function devValidatorDataDir(dataDir: string): string {
  return path.join(dataDir, "validator");
}

export async function startValidatorClient(opts: {baseUrl: string; secretKeys: SecretKey[]; logger: Logger; dataDir: string}): Promise<{stop(): Promise<void>}> {
  const validatorDir = devValidatorDataDir(opts.dataDir);
  fs.mkdirSync(validatorDir, {recursive: true});
  const protection = await SlashingProtection.open({dbDir: slashingProtectionDbDir(validatorDir), logger: opts.logger.child("slashing")});
  const api = createBeaconApiClient({baseUrl: opts.baseUrl});
  const client = new ValidatorClient({api, secretKeys: opts.secretKeys, guards: {slashingProtection: protection}, logger: opts.logger});
  const stop = async (): Promise<void> => {
    await client.stop();
    await protection.close();
  };
  try {
    await client.start();
  } catch (e) {
    await stop();
    throw e;
  }
  opts.logger.info("Validator duties running", {keys: opts.secretKeys.length, beaconNode: opts.baseUrl, slashingProtection: slashingProtectionDbDir(validatorDir)});
  return {stop};
}
