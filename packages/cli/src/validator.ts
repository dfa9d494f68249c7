// The validator duties `hearth dev` runs beside its node: a ValidatorClient over the node's own
// Beacon API, as a separate validator process would use it.
import {createBeaconApiClient} from "@hearth/api";
import type {SecretKey} from "@hearth/bls";
import {ValidatorClient} from "@hearth/validator";
import type {Logger} from "@hearth/beacon-node";

export async function startValidatorClient(opts: {baseUrl: string; secretKeys: SecretKey[]; logger: Logger}): Promise<{stop(): Promise<void>}> {
  const api = createBeaconApiClient({baseUrl: opts.baseUrl});
  const client = new ValidatorClient({api, secretKeys: opts.secretKeys, logger: opts.logger});
  await client.start();
  opts.logger.info("Validator duties running", {keys: opts.secretKeys.length, beaconNode: opts.baseUrl});
  return {stop: () => client.stop()};
}
