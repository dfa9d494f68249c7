// Run by archive.test.ts in a child process with HEARTH_PRESET=minimal: a dev chain (phase0: the
// archive does not depend on the fork, and it is the fastest to build) with full
// participation, whose finalized checkpoint jumps from epoch 0 to epoch 2 (justification starts at
// epoch 2, so epochs 2 and 3 justify together and 2 finalizes without 1 ever being finalized), then
// runs on to further finalizations, one empty slot included. After each finalization, and after a
// restart from the DB, it records which canonical slots below the finalized block are missing from
// the archive or still hot. Prints one JSON report.
import {toHex} from "@hearth/config";
import {ChainEvent, computeBlockRoot} from "../../../src/chain/index.js";
import {DevHarness} from "./harness.js";

export interface ArchiveReport {
  /** The finalized epochs in the order they were reached. */
  finalizedEpochs: number[];
  /** Per finalization: canonical slots below the finalized block that the archive lacks or has wrong. */
  holes: {epoch: number; missing: number[]; wrongRoot: number[]; stillHot: number}[];
  /** Slots below the finalized block that chain.getCanonicalBlockAtSlot does not find (the API's blocks/{slot}). */
  queryMisses: number[];
  /**
   * Slots below the finalized block that getCanonicalBlockAtSlot misses when asked while the chain
   * acts on a new finalized checkpoint (the finalized_checkpoint event is its first step): the
   * req/resp handlers and the API ask at any moment.
   */
  duringFinalization: {epoch: number; misses: number[]}[];
  /** The same after a restart from the DB. */
  afterRestart: {missing: number[]; queryMisses: number[]};
  finalizedSlot: number;
  emptySlot: number;
  emptySlotArchived: boolean;
  error?: string;
}

const EMPTY_SLOT = 29;

async function checkArchive(h: DevHarness, roots: Map<number, string>, finalizedSlot: number): Promise<{missing: number[]; wrongRoot: number[]}> {
  const missing: number[] = [];
  const wrongRoot: number[] = [];
  for (let slot = 1; slot <= finalizedSlot; slot++) {
    const expected = roots.get(slot);
    if (expected === undefined) continue;
    const archived = await h.db.getArchivedBlock(slot);
    if (archived === null) missing.push(slot);
    else if (toHex(archived.root) !== expected) wrongRoot.push(slot);
  }
  return {missing, wrongRoot};
}

async function queryMisses(h: DevHarness, roots: Map<number, string>, finalizedSlot: number): Promise<number[]> {
  const misses: number[] = [];
  for (let slot = 1; slot <= finalizedSlot; slot++) {
    const expected = roots.get(slot);
    if (expected === undefined) continue;
    const found = await h.chain.getCanonicalBlockAtSlot(slot);
    if (found === null || found.root !== expected) misses.push(slot);
  }
  return misses;
}

async function run(): Promise<ArchiveReport> {
  const report: ArchiveReport = {
    finalizedEpochs: [],
    holes: [],
    queryMisses: [],
    duringFinalization: [],
    afterRestart: {missing: [], queryMisses: []},
    finalizedSlot: 0,
    emptySlot: EMPTY_SLOT,
    emptySlotArchived: false,
  };
  const h = await DevHarness.create({fork: "phase0", validatorCount: 64});
  const roots = new Map<number, string>();
  const pendingQueries: Promise<void>[] = [];
  h.chain.emitter.on(ChainEvent.finalizedCheckpoint, (d) => {
    const finalizedSlot = h.chain.forkChoice.getBlock(d.block)?.slot ?? 0;
    const slots = [...roots.keys()].filter((s) => s < finalizedSlot);
    // all at once, before the chain's next step: as peers' requests arriving meanwhile would
    const lookups = slots.map(async (slot) => ((await h.chain.getCanonicalBlockAtSlot(slot))?.root === roots.get(slot) ? null : slot));
    pendingQueries.push(
      Promise.all(lookups).then((found) => void report.duringFinalization.push({epoch: d.epoch, misses: found.filter((s): s is number => s !== null)}))
    );
  });
  let seenFinalized = 0;
  // 5 epochs and a slot: epoch 2 finalizes at the start of epoch 4, epoch 3 at the start of epoch 5
  for (let slot = 1; slot <= 5 * 8 + 1; slot++) {
    if (slot === EMPTY_SLOT) {
      // nobody proposes; the committees still attest to the head
      h.setSlot(slot);
      await h.chain.recomputeHead();
      await h.attest(slot);
    } else {
      const signed = await h.runSlot(slot);
      roots.set(slot, toHex(computeBlockRoot(h.chain, signed.message)));
    }
    // the head update of the next tick may finalize too: let it run
    await h.chain.recomputeHead();
    const fc = h.chain.forkChoice;
    if (fc.finalizedCheckpoint.epoch !== seenFinalized) {
      seenFinalized = fc.finalizedCheckpoint.epoch;
      report.finalizedEpochs.push(seenFinalized);
      const finalizedSlot = fc.getBlock(fc.finalizedCheckpoint.root)!.slot;
      const {missing, wrongRoot} = await checkArchive(h, roots, finalizedSlot);
      let stillHot = 0;
      for (const {block} of await h.db.getHotBlocks()) if (block.message.slot < finalizedSlot) stillHot++;
      report.holes.push({epoch: seenFinalized, missing, wrongRoot, stillHot});
    }
  }
  await Promise.all(pendingQueries);
  const fc = h.chain.forkChoice;
  report.finalizedSlot = fc.getBlock(fc.finalizedCheckpoint.root)!.slot;
  report.queryMisses = await queryMisses(h, roots, report.finalizedSlot - 1);
  report.emptySlotArchived = (await h.db.getArchivedBlock(EMPTY_SLOT)) !== null;

  await h.restart();
  report.afterRestart.missing = (await checkArchive(h, roots, report.finalizedSlot)).missing;
  report.afterRestart.queryMisses = await queryMisses(h, roots, report.finalizedSlot - 1);
  await h.chain.stop();
  return report;
}

run()
  .then((r) => process.stdout.write(JSON.stringify(r)))
  .catch((e) => {
    process.stdout.write(JSON.stringify({error: (e as Error).stack ?? String(e)}));
  });
