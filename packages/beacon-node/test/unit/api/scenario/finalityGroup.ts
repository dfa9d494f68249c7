// The chain runs on (every validator attesting through the harness) until it finalizes; the API then
// reports finality in its metadata, serves the finalized and genesis ids, and streams the event.
import {SLOTS_PER_EPOCH} from "@hearth/params";
import {toHex} from "@hearth/config";
import {ChainEvent} from "../../../../src/chain/index.js";
import type {BeaconEvent} from "@hearth/api";
import {createBeaconApiImpl} from "../../../../src/api/index.js";
import {VERSION, type ScenarioContext} from "./context.js";

const LAST_SLOT = 5 * SLOTS_PER_EPOCH;

export async function finalityGroup(ctx: ScenarioContext, fromSlot: number): Promise<void> {
  const {r, client, h} = ctx;
  await r.group("finality", async () => {
    const controller = new AbortController();
    const events: BeaconEvent[] = [];
    const before = h.chain.emitter.listenerCount(ChainEvent.finalizedCheckpoint);
    void (async () => {
      try {
        for await (const event of client.eventstream(["finalized_checkpoint"], {signal: controller.signal})) events.push(event);
      } catch {
        // aborted
      }
    })();
    for (let i = 0; i < 200 && h.chain.emitter.listenerCount(ChainEvent.finalizedCheckpoint) === before; i++) await new Promise((res) => setTimeout(res, 10));

    for (let slot = fromSlot; slot <= LAST_SLOT; slot++) await h.runSlot(slot);
    const fc = h.chain.forkChoice;
    const finalized = fc.finalizedCheckpoint;
    r.check("finalizedEpochPositive", finalized.epoch > 0, true);
    const checkpoints = await client.getStateFinalityCheckpoints({stateId: "head"});
    r.check("headFinalized", checkpoints.data.finalized, {epoch: finalized.epoch, root: finalized.root});
    const finalizedBlock = await client.getBlockRoot({blockId: "finalized"});
    r.check("finalizedBlock", [finalizedBlock.data.root, finalizedBlock.meta.finalized], [finalized.root, true]);
    const cpState = await h.chain.regen.getCheckpointState(finalized);
    r.check("finalizedState", (await client.getStateRoot({stateId: "finalized"})).data.root, cpState.state.hashTreeRoot());
    const boundary = finalized.epoch * SLOTS_PER_EPOCH;
    r.check("boundaryStateFinalized", (await client.getStateRoot({stateId: boundary})).meta.finalized, true);
    const old = await client.getBlockHeader({blockId: 1});
    r.check("oldBlockFinalized", [old.data.canonical, old.meta.finalized], [true, true]);
    r.check("headNotFinalized", (await client.getBlockHeader({blockId: "head"})).meta.finalized, false);
    // fork choice no longer holds genesis: the DB's anchor answers
    r.check("genesisPruned", fc.hasBlock(ctx.genesisRoot), false);
    r.check("genesisState", (await client.getStateRoot({stateId: "genesis"})).data.root, ctx.genesisStateRoot);
    r.check("genesisBlock", (await client.getBlockRoot({blockId: "genesis"})).data.root, ctx.genesisRoot);
    r.check("syncing", (await client.getSyncingStatus()).data.headSlot, LAST_SLOT);
    for (let i = 0; i < 300 && events.length === 0; i++) await new Promise((res) => setTimeout(res, 10));
    controller.abort();
    const last = events.at(-1);
    r.check("finalizedEvent", last && last.type === "finalized_checkpoint" ? [last.message.epoch, toHex(last.message.block)] : null, [finalized.epoch, finalized.root]);

    // a restarted node resumes from its finalized state: genesis is still served from the DB's anchor
    const headRoot = h.chain.head.node.blockRoot;
    const resumed = createBeaconApiImpl({chain: await h.restart(), version: VERSION});
    try {
      r.check("restartHead", (await resumed.getBlockRoot({blockId: "head"})).data.root, headRoot);
      r.check("restartGenesisBlock", (await resumed.getBlockRoot({blockId: "genesis"})).data.root, ctx.genesisRoot);
      r.check("restartGenesisState", (await resumed.getStateRoot({stateId: "genesis"})).data.root, ctx.genesisStateRoot);
    } finally {
      resumed.close();
    }
  });
}
