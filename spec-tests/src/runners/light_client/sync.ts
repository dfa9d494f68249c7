// light_client/sync (tests/formats/light_client/sync.md): a light client's store from a bootstrap,
// then updates, forced updates and store upgrades, each followed by checks of the finalized and
// optimistic headers.
import {lightClient} from "@hearth/state-transition";
import {phase0} from "@hearth/types";
import type {CaseFn} from "../../types.js";
import {fromHex, readSszSnappy, readYaml, toHex, toNumber} from "../../util/files.js";
import {caseBeaconConfig, forkOfDigest, forkOfVersion} from "./common.js";

interface Meta {
  genesis_validators_root: string;
  trusted_block_root: string;
  bootstrap_fork_digest: string;
  store_fork_version: string;
}

interface HeaderCheck {
  slot: bigint;
  beacon_root: string;
  execution_root?: string;
}

type Checks = {finalized_header: HeaderCheck; optimistic_header: HeaderCheck};
type Step =
  | {force_update: {current_slot: bigint; checks: Checks}}
  | {process_update: {update_fork_digest: string; update: string; current_slot: bigint; checks: Checks}}
  | {upgrade_store: {store_fork_version: string; checks: Checks}};

export const sync: CaseFn = (c) => {
  const meta = readYaml<Meta>(c.dir, "meta");
  const gvr = fromHex(meta.genesis_validators_root);
  const config = caseBeaconConfig(c, gvr);
  const bootstrapFork = forkOfDigest(config, meta.bootstrap_fork_digest);
  const storeFork = forkOfVersion(config, meta.store_fork_version);
  const bootstrap = lightClient.lightClientTypesFor(bootstrapFork).LightClientBootstrap.deserialize(readSszSnappy(c.dir, "bootstrap"));
  let store = lightClient.initializeLightClientStore(
    config,
    storeFork,
    fromHex(meta.trusted_block_root),
    lightClient.upgradeLcBootstrap(bootstrap as lightClient.LightClientBootstrap, storeFork)
  );

  const steps = readYaml<Step[]>(c.dir, "steps");
  steps.forEach((step, i) => {
    const where = `step ${i} (${Object.keys(step)[0]})`;
    let checks: Checks;
    if ("force_update" in step) {
      lightClient.processLightClientStoreForceUpdate(store, toNumber(step.force_update.current_slot));
      checks = step.force_update.checks;
    } else if ("process_update" in step) {
      const s = step.process_update;
      const updateFork = forkOfDigest(config, s.update_fork_digest);
      const raw = lightClient.lightClientTypesFor(updateFork).LightClientUpdate.deserialize(readSszSnappy(c.dir, s.update));
      const update = lightClient.upgradeLcUpdate(raw as lightClient.LightClientUpdate, store.fork);
      try {
        lightClient.processLightClientUpdate(config, store, update, toNumber(s.current_slot), gvr);
      } catch (e) {
        throw new Error(`${where}: ${(e as Error).message}`);
      }
      checks = s.checks;
    } else {
      store = lightClient.upgradeLcStore(store, forkOfVersion(config, step.upgrade_store.store_fork_version));
      checks = step.upgrade_store.checks;
    }
    checkHeader(config, store.finalizedHeader, checks.finalized_header, `${where} finalized_header`);
    checkHeader(config, store.optimisticHeader, checks.optimistic_header, `${where} optimistic_header`);
  });
};

function checkHeader(config: lightClient.LightClientConfig, header: lightClient.LightClientHeader, expected: HeaderCheck, what: string): void {
  const slot = header.beacon.slot;
  if (slot !== toNumber(expected.slot)) throw new Error(`${what}.slot: got ${slot}, expected ${expected.slot}`);
  const root = toHex(phase0.BeaconBlockHeader.hashTreeRoot(header.beacon));
  if (root !== expected.beacon_root) throw new Error(`${what}.beacon_root: got ${root}, expected ${expected.beacon_root}`);
  if (expected.execution_root !== undefined) {
    const executionRoot = toHex(lightClient.getLcExecutionRoot(config, header));
    if (executionRoot !== expected.execution_root) throw new Error(`${what}.execution_root: got ${executionRoot}, expected ${expected.execution_root}`);
  }
}
