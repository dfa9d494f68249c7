import {strict as assert} from "node:assert";
import {execFileSync} from "node:child_process";
import path from "node:path";
import {fileURLToPath} from "node:url";
import type {ForkReport} from "./scenario.js";

// The dev chain runs on the minimal preset (8 slots per epoch), which sizes the SSZ types when they
// are first imported; this mocha process may run another, so the chain runs in a child of its own.
const script = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "scenario.js");
const FORKS = ["phase0", "altair", "bellatrix", "capella", "deneb", "electra", "fulu"] as const;
const POST_MERGE = new Set(["bellatrix", "capella", "deneb", "electra", "fulu"]);

describe("BeaconChain on a minimal-preset interop dev chain", function () {
  this.timeout(600_000);
  let reports: Record<string, ForkReport | {error: string}>;

  before(() => {
    const out = execFileSync(process.execPath, [script, FORKS.join(",")], {
      env: {...process.env, HEARTH_PRESET: "minimal"},
      encoding: "utf8",
      maxBuffer: 64 << 20,
    });
    reports = JSON.parse(out) as typeof reports;
  });

  function reportOf(fork: string): ForkReport {
    const r = reports[fork];
    if ("error" in r && !("slots" in r)) assert.fail(`${fork}: ${r.error}`);
    return r as ForkReport;
  }

  for (const fork of FORKS) {
    describe(fork, () => {
      it("imports a block every slot and makes it the head", () => {
        const r = reportOf(fork);
        assert.deepEqual(r.headMissed, []);
        assert.equal(r.slots, 6 * r.slotsPerEpoch);
        assert.ok(r.skippedSlots.length <= 3, `skipped ${r.skippedSlots}`);
        assert.equal(r.blocksImported + r.skippedSlots.length, r.slots);
        // one block and one head event per imported block, none for a rejected one
        assert.equal(r.events.block, r.blocksImported);
        assert.equal(r.events.head, r.blocksImported);
      });

      it("justifies and finalizes within five epochs with every validator attesting", () => {
        const r = reportOf(fork);
        assert.ok(r.firstFinalizedSlot !== null && r.firstFinalizedSlot <= 5 * r.slotsPerEpoch, `first finalized at slot ${r.firstFinalizedSlot}`);
        assert.equal(r.justifiedEpoch, 5);
        assert.equal(r.finalizedEpoch, 4);
        assert.ok(r.events.finalized_checkpoint >= 3 && r.events.justified_checkpoint >= 4, JSON.stringify(r.events));
        assert.ok(r.attestationsIncluded >= r.blocksImported - 2, `${r.attestationsIncluded} attestations included`);
        if (fork !== "phase0") assert.equal(r.syncBitsMax, 32, "a full sync aggregate (minimal SYNC_COMMITTEE_SIZE)");
      });

      it("rejects bad blocks with their error code and leaves head, caches and DB as they were", () => {
        const r = reportOf(fork);
        const expected: Record<string, string> = {
          wrongStateRoot: "BLOCK_ERROR_INVALID_STATE_ROOT",
          badSignature: "BLOCK_ERROR_INVALID_SIGNATURE",
          unknownParent: "BLOCK_ERROR_PARENT_UNKNOWN",
          wrongProposer: "BLOCK_ERROR_INCORRECT_PROPOSER",
          futureSlot: "BLOCK_ERROR_FUTURE_SLOT",
          alreadyKnown: "BLOCK_ERROR_ALREADY_KNOWN",
        };
        if (POST_MERGE.has(fork)) expected.invalidPayload = "BLOCK_ERROR_EXECUTION_PAYLOAD_INVALID";
        assert.deepEqual(Object.fromEntries(Object.entries(r.rejected).map(([k, v]) => [k, v.code])), expected);
        for (const [name, outcome] of Object.entries(r.rejected)) {
          assert.ok(outcome.headUnchanged, `${name}: head changed`);
          if (name === "alreadyKnown") continue;
          assert.ok(outcome.statesUnchanged, `${name}: state cache or fork choice changed`);
          assert.ok(outcome.notInDb, `${name}: written to the DB`);
        }
      });

      it("reorgs to a timely block over a late sibling and deletes the orphan at finality", () => {
        const r = reportOf(fork);
        assert.deepEqual(r.reorg && {...r.reorg, orphanRoot: undefined}, {xWasHead: true, yIsHead: true, orphanGoneAfterFinality: true, orphanRoot: undefined});
        assert.equal(r.events.chain_reorg, 1);
      });

      it("prunes at finalization: fork choice, hot blocks and caches stay bounded", () => {
        const r = reportOf(fork);
        const spe = r.slotsPerEpoch;
        assert.ok(r.sizes.forkChoiceNodes <= 3 * spe, `fork choice ${r.sizes.forkChoiceNodes}`);
        assert.ok(r.sizes.hotBlocks <= 3 * spe, `hot blocks ${r.sizes.hotBlocks}`);
        assert.equal(r.sizes.hotBlocks, r.sizes.forkChoiceNodes - 1, "hot blocks are fork choice's blocks but the finalized one");
        assert.ok(r.sizes.blockStates <= 16, `block states ${r.sizes.blockStates}`);
        assert.ok(r.sizes.checkpointStates <= 8, `checkpoint states ${r.sizes.checkpointStates}`);
        assert.ok(r.sizes.attestationPool <= 4 * 2 * spe, `attestation pool ${r.sizes.attestationPool}`);
        assert.ok(r.archivedFinalizedBlock, "finalized block in the archive");
      });

      it("includes pooled exits, slashings and BLS changes in blocks", () => {
        const {ops} = reportOf(fork);
        assert.ok(ops.exitIncluded && ops.validatorExiting, "voluntary exit");
        assert.ok(ops.proposerSlashingIncluded && ops.proposerSlashed, "proposer slashing");
        const capella = fork !== "phase0" && fork !== "altair" && fork !== "bellatrix";
        assert.equal(ops.blsChangeIncluded && ops.credentialsChanged, capella, "BLS to execution change");
      });

      it("answers block, state and aggregate queries for the API", () => {
        assert.deepEqual(reportOf(fork).queries, {archivedSlot: true, hotSlot: true, skippedSlotEmpty: true, stateAtSlot: true, aggregate: true});
      });

      it("rebuilds an evicted state from stored checkpoint states and blocks", () => {
        assert.equal(reportOf(fork).regenFromDb, true);
      });

      it("resumes from the DB with the same head and finalized checkpoint, and goes on", () => {
        assert.deepEqual(reportOf(fork).resumed, {headMatches: true, finalizedMatches: true, nextBlockImported: true});
      });
    });
  }
});
