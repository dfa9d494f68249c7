// Run by rewards.test.ts in a child process with HEARTH_PRESET=minimal: an altair interop dev chain
// with full participation for three epochs, then the rewards and light-client data it yields,
// next to the balance changes the state transition itself made. Prints one JSON report.
import {toHex} from "@hearth/config";
import {cloneCachedState, processBlock, util} from "@hearth/state-transition";
import {DevHarness} from "../harness.js";
import {computeAttestationRewards, computeBlockRewards, computeSyncCommitteeRewards} from "../../../../src/chain/rewards/index.js";

async function main(): Promise<void> {
  const h = await DevHarness.create({fork: "altair", validatorCount: 64});
  const finalityEvents: number[] = [];
  const optimisticEvents: number[] = [];
  h.chain.lightClientServer.onFinalityUpdate((u) => finalityEvents.push(u.data.attestedHeader.beacon.slot));
  h.chain.lightClientServer.onOptimisticUpdate((u) => optimisticEvents.push(u.data.attestedHeader.beacon.slot));
  let last = null;
  for (let slot = 1; slot <= 40; slot++) last = await h.runSlot(slot);
  await new Promise((r) => setTimeout(r, 50));
  if (last === null) throw new Error("no block");
  const block = last.message;

  // block rewards vs. what process_block did to the proposer's balance
  const pre = await h.chain.regen.getPreState(toHex(block.parentRoot), block.slot);
  const blockRewards = computeBlockRewards(pre, block);
  const sync = computeSyncCommitteeRewards(pre, block, null);
  const post = cloneCachedState(pre);
  processBlock(post, block, {verifySignatures: false});
  const proposerDelta = post.state.balances.get(block.proposerIndex) - pre.state.balances.get(block.proposerIndex);
  const proposerOwnSync = sync.filter((r) => r.validatorIndex === block.proposerIndex).reduce((a, r) => a + r.reward, 0);

  // attestation rewards of epoch 3 from the head state (epoch 4 under way, full participation)
  const att = computeAttestationRewards(h.chain.head.state, null);

  const lc = h.chain.lightClientServer;
  const finalized = h.chain.forkChoice.finalizedCheckpoint;
  console.log(
    JSON.stringify({
      slot: block.slot,
      headEpoch: util.computeEpochAtSlot(h.chain.head.state.state.slot),
      blockRewards,
      proposerDelta,
      proposerOwnSync,
      syncRewards: sync.map((r) => r.reward),
      idealFull: att.idealRewards[att.idealRewards.length - 1],
      totalFirst: att.totalRewards[0],
      totalCount: att.totalRewards.length,
      finalizedEpoch: finalized.epoch,
      bootstrapSlot: lc.getBootstrap(finalized.root)?.data.header.beacon.slot ?? null,
      updatePeriods: lc.getUpdates(0, 10).map((u) => u.data.attestedHeader.beacon.slot),
      finality: lc.getFinalityUpdate() && {attested: lc.getFinalityUpdate()!.data.attestedHeader.beacon.slot, finalized: lc.getFinalityUpdate()!.data.finalizedHeader.beacon.slot},
      optimistic: lc.getOptimisticUpdate()?.data.attestedHeader.beacon.slot ?? null,
      finalityEvents: finalityEvents.length,
      optimisticEvents: optimisticEvents.length,
    })
  );
  await h.chain.stop();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
