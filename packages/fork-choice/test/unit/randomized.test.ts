import {strict as assert} from "node:assert";
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {type Checkpoint, type ForkChoiceError, type JustifiedBalances, type ProtoBlock, type RootHex} from "../../src/index.js";
import {GENESIS_CP, GENESIS_ROOT, SLOT_SECONDS, block, genesisStore, rng, root, specHead} from "./utils.js";

const VALIDATORS = 24;

/** Balances that differ per justified epoch, so that justified changes re-weigh every vote. */
function balancesForEpoch(epoch: number): JustifiedBalances {
  const r = rng(1000 + epoch);
  const balances = Uint16Array.from({length: VALIDATORS}, () => Math.floor(r() * 4) * 8);
  const total = balances.reduce((a, b) => a + b, 0) + 16;
  return {balances, totalActiveBalanceIncrements: total, effectiveBalanceIncrements: balances.slice()};
}

/**
 * Random trees, votes, slashings, checkpoint changes, ticks and prunes; after every step the
 * incremental head must equal the spec's get_head computed literally from all blocks and messages.
 */
describe("ForkChoice: randomized against the literal spec", () => {
  const stats = {prunes: 0, maxFinalized: 0, maxJustified: 0, blocks: 0};
  after(() => {
    // the runs must have exercised pruning and checkpoint changes, or they prove little
    assert.ok(stats.prunes > 0 && stats.maxFinalized > 0 && stats.maxJustified > 1, JSON.stringify(stats));
  });
  for (let seed = 1; seed <= 40; seed++) {
    it(`seed ${seed}`, () => {
      const r = rng(seed);
      const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
      const fc = genesisStore({validators: VALIDATORS, getBalances: (cp) => balancesForEpoch(cp.epoch)});
      const blocks: ProtoBlock[] = [block(0, GENESIS_ROOT, root(0))];
      const latest = new Map<number, RootHex>();
      const latestEpoch = new Map<number, number>();
      let nextRoot = 0x100;
      let prunes = 0;

      for (let step = 0; step < 150; step++) {
        const action = r();
        const currentSlot = fc.currentSlot;
        const kept = blocks.filter((b) => fc.hasBlock(b.blockRoot));
        if (action < 0.3) {
          // a tick, sometimes late in the slot
          fc.onTick((currentSlot + Math.floor(r() * (SLOTS_PER_EPOCH / 4 + 1))) * SLOT_SECONDS + (r() < 0.3 ? SLOT_SECONDS - 1 : 0));
        } else if (action < 0.62) {
          const parent = pick(kept.filter((b) => b.slot < currentSlot));
          if (parent === undefined) continue;
          const slot = parent.slot + 1 + Math.floor(r() * (currentSlot - parent.slot));
          const parentEpoch = Math.floor(parent.slot / SLOTS_PER_EPOCH);
          const cp = (epoch: number): Checkpoint => ({epoch, root: fc.getCheckpointBlock(parent.blockRoot, epoch) as RootHex});
          const je = Math.max(0, parentEpoch - Math.floor(r() * 3));
          const uje = Math.min(parentEpoch, je + Math.floor(r() * 2));
          const fe = r() < 0.5 ? 0 : Math.max(0, je - 1);
          const b = block(slot, root(nextRoot++), parent.blockRoot, {
            justified: cp(je),
            unrealizedJustified: cp(uje),
            finalized: fe === 0 ? GENESIS_CP : cp(fe),
            unrealizedFinalized: fe === 0 ? GENESIS_CP : cp(fe),
            proposer: Math.floor(r() * 4),
          });
          try {
            fc.onBlock(b);
            blocks.push(b);
          } catch (e) {
            assert.ok(["NOT_FINALIZED_DESCENDANT", "NOT_LATER_THAN_FINALIZED"].includes((e as ForkChoiceError).code), String(e));
            assert.equal(fc.hasBlock(b.blockRoot), false);
          }
        } else if (action < 0.93) {
          const target = pick(kept.filter((b) => b.slot < currentSlot));
          if (target === undefined) continue;
          const attSlot = target.slot + Math.floor(r() * (currentSlot - target.slot));
          const epoch = Math.floor(attSlot / SLOTS_PER_EPOCH);
          const targetRoot = fc.getCheckpointBlock(target.blockRoot, epoch);
          if (targetRoot === null || !fc.hasBlock(targetRoot)) continue;
          const indices = Array.from({length: VALIDATORS}, (_, i) => i).filter(() => r() < 0.3);
          fc.onAttestation({slot: attSlot, beaconBlockRoot: target.blockRoot, target: {epoch, root: targetRoot}}, indices, true);
          for (const i of indices) {
            if (fc.equivocatingIndices.has(i)) continue;
            if (!latestEpoch.has(i) || epoch > (latestEpoch.get(i) as number)) {
              latest.set(i, target.blockRoot);
              latestEpoch.set(i, epoch);
            }
          }
        } else if (action < 0.96) {
          const v = Math.floor(r() * VALIDATORS);
          const data = (n: number) => ({slot: 0, index: 0, beaconBlockRoot: new Uint8Array(32).fill(n), source: {epoch: 0, root: new Uint8Array(32)}, target: {epoch: 0, root: new Uint8Array(32)}});
          fc.onAttesterSlashing({
            attestation1: {attestingIndices: [v], data: data(1), signature: new Uint8Array(96)},
            attestation2: {attestingIndices: [v], data: data(2), signature: new Uint8Array(96)},
          });
        } else if (fc.isAncestor(fc.justifiedCheckpoint.root, fc.finalizedCheckpoint.root)) {
          prunes += fc.prune() > 0 ? 1 : 0;
        }
        const expected = specHead(fc, blocks, latest, fc.justifiedBalances);
        const got = fc.getHead().blockRoot;
        const context = `step ${step}: j=${fc.justifiedCheckpoint.epoch} f=${fc.finalizedCheckpoint.epoch} epoch=${fc.currentEpoch} boost=${fc.proposerBoostRoot}`;
        assert.equal(got, expected, context);
      }
      stats.prunes += prunes;
      stats.maxFinalized = Math.max(stats.maxFinalized, fc.finalizedCheckpoint.epoch);
      stats.maxJustified = Math.max(stats.maxJustified, fc.justifiedCheckpoint.epoch);
      stats.blocks += blocks.length;
      assert.ok(blocks.length > 10);
    });
  }
});
