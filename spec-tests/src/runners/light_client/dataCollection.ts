// light_client/data_collection (tests/formats/light_client/data_collection.md): the steps of a case
// run against DataCollection (dataCollectionChain.ts), and its light-client data checked at each new
// head against the vectors' bootstraps, best updates, and latest finality and optimistic updates.
import type {ForkName} from "@hearth/params";
import {sszTypesFor} from "@hearth/types";
import type {BeaconConfig} from "@hearth/config";
import {lightClient, loadCachedBeaconState, type SignedBeaconBlockAllForks} from "@hearth/state-transition";
import type {CaseFn} from "../../types.js";
import {fromHex, readSszSnappy, readYaml, toNumber} from "../../util/files.js";
import {expectBytesEqual} from "../../util/assert.js";
import {caseFork} from "../../util/state.js";
import {caseBeaconConfig, caseChainConfig, forkOfDigest} from "./common.js";
import {DataCollection, type Forked} from "./dataCollectionChain.js";

const {computeSyncCommitteePeriodAtSlot, lightClientTypesFor} = lightClient;

interface Encoded {
  fork_digest: string;
  data: string;
}
interface Checks {
  latest_finalized_checkpoint: {epoch: bigint; root: string};
  bootstraps: {block_root: string; bootstrap?: Encoded}[];
  best_updates: {period: bigint; update?: Encoded}[];
  latest_finality_update?: Encoded;
  latest_optimistic_update?: Encoded;
}
type Step = {new_block: Encoded} | {new_head: {head_block_root: string; checks: Checks}};

export const dataCollection: CaseFn = (c) => {
  const fork = caseFork(c);
  const initial = loadCachedBeaconState(fork, readSszSnappy(c.dir, "initial_state"), caseChainConfig(c));
  const config = caseBeaconConfig(c, initial.state.genesisValidatorsRoot);
  const test = new DataCollection(config, initial);

  const steps = readYaml<Step[]>(c.dir, "steps");
  steps.forEach((step, i) => {
    const where = `step ${i}`;
    if ("new_block" in step) {
      const blockFork = lightClientForkOrPhase0(config, step.new_block.fork_digest);
      const signed = sszTypesFor(blockFork).SignedBeaconBlock.deserialize(readSszSnappy(c.dir, step.new_block.data)) as SignedBeaconBlockAllForks;
      test.addBlock(blockFork, signed);
      return;
    }
    const root = step.new_head.head_block_root;
    const head = test.getBlock(root);
    test.selectNewHead({slot: head.message.slot, root});
    const checks = step.new_head.checks;
    const cp = checks.latest_finalized_checkpoint;
    if (test.latestFinalizedEpoch !== toNumber(cp.epoch) || test.latestFinalizedBid.root !== cp.root) {
      throw new Error(`${where}: latest finalized checkpoint ${test.latestFinalizedEpoch}/${test.latestFinalizedBid.root}, expected ${cp.epoch}/${cp.root}`);
    }
    const bootstrapRoots = [...test.finalizedCheckpointStates.values()].map((cs) => test.stateToBlockId(cs).root);
    const expectedRoots = checks.bootstraps.map((b) => b.block_root);
    if (bootstrapRoots.join() !== expectedRoots.join()) throw new Error(`${where}: bootstrap block roots ${bootstrapRoots.join()}, expected ${expectedRoots.join()}`);
    for (const b of checks.bootstraps) {
      expectObject(c.dir, config, test.bootstrap(b.block_root), b.bootstrap, "LightClientBootstrap", `${where} bootstrap ${b.block_root}`);
    }
    const low = computeSyncCommitteePeriodAtSlot(test.tailSlot);
    const high = computeSyncCommitteePeriodAtSlot(head.message.slot);
    const periods = checks.best_updates.map((u) => toNumber(u.period));
    const want = Array.from({length: high - low + 1}, (_, k) => low + k);
    if (periods.join() !== want.join()) throw new Error(`${where}: best_updates periods ${periods.join()}, expected ${want.join()}`);
    for (const u of checks.best_updates) {
      const period = toNumber(u.period);
      expectObject(c.dir, config, test.bestUpdates.get(period) ?? null, u.update, "LightClientUpdate", `${where} best update of period ${period}`);
    }
    expectObject(c.dir, config, test.latest, checks.latest_finality_update, "LightClientFinalityUpdate", `${where} latest finality update`);
    const optimistic = test.latest && {fork: test.latest.fork, data: lightClient.createLightClientOptimisticUpdate(test.latest.data)};
    expectObject(c.dir, config, optimistic, checks.latest_optimistic_update, "LightClientOptimisticUpdate", `${where} latest optimistic update`);
  });
};

/** A block's fork from its digest: unlike light-client data, blocks may be phase0. */
function lightClientForkOrPhase0(config: BeaconConfig, digestHex: string): ForkName {
  const boundary = config.forkBoundaryOfDigest(fromHex(digestHex));
  if (boundary === null) return forkOfDigest(config, digestHex);
  return boundary.fork;
}

type LcTypeName = "LightClientBootstrap" | "LightClientUpdate" | "LightClientFinalityUpdate" | "LightClientOptimisticUpdate";

function expectObject(dir: string, config: BeaconConfig, actual: Forked<unknown> | null, expected: Encoded | undefined, typeName: LcTypeName, what: string): void {
  if (expected === undefined) {
    if (actual !== null) throw new Error(`${what}: expected none, got one (${actual.fork})`);
    return;
  }
  if (actual === null) throw new Error(`${what}: expected ${expected.data}, got none`);
  const expectedFork = forkOfDigest(config, expected.fork_digest);
  if (expectedFork !== actual.fork) throw new Error(`${what}: fork ${actual.fork}, expected ${expectedFork}`);
  const type = lightClientTypesFor(actual.fork)[typeName];
  expectBytesEqual(type.serialize(actual.data), readSszSnappy(dir, expected.data), `${what} (${expected.data})`);
}
