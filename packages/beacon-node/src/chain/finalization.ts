// What a new justified or finalized checkpoint sets off. At finalization the finalized chain's blocks
// move to the archive (by slot), blocks of dead branches are deleted, the finalized checkpoint state
// becomes the DB's anchor, and fork choice, state caches and pools drop what lies below: memory
// stays flat however long the chain runs.
import {fromHex} from "@hearth/config";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import {ExecutionStatus, sameCheckpoint, type Checkpoint, type ProtoNode} from "@hearth/fork-choice";
import {ChainEvent} from "./emitter.js";
import {errorMessage} from "./errors.js";
import type {BeaconChain} from "./chain.js";

/**
 * Compares fork choice's checkpoints with those last seen (they move on a block, and on the first
 * tick of an epoch when the unrealized ones are pulled up) and acts on a change.
 */
export async function onCheckpointsChanged(chain: BeaconChain): Promise<void> {
  const fc = chain.forkChoice;
  const seen = chain.seenCheckpoints;
  if (!sameCheckpoint(fc.justifiedCheckpoint, seen.justified)) {
    seen.justified = fc.justifiedCheckpoint;
    chain.emitter.emit(ChainEvent.justifiedCheckpoint, checkpointEvent(chain, fc.justifiedCheckpoint));
    chain.logger.info("Justified", {epoch: fc.justifiedCheckpoint.epoch, root: fc.justifiedCheckpoint.root});
  }
  if (!sameCheckpoint(fc.finalizedCheckpoint, seen.finalized)) {
    seen.finalized = fc.finalizedCheckpoint;
    await onFinalized(chain, fc.finalizedCheckpoint);
  }
}

function checkpointEvent(chain: BeaconChain, cp: Checkpoint): {block: string; state: string; epoch: number; executionOptimistic: boolean} {
  const node = chain.forkChoice.getBlock(cp.root);
  return {block: cp.root, state: node?.stateRoot ?? "", epoch: cp.epoch, executionOptimistic: node?.executionStatus === ExecutionStatus.Syncing};
}

async function onFinalized(chain: BeaconChain, finalized: Checkpoint): Promise<void> {
  const fc = chain.forkChoice;
  chain.emitter.emit(ChainEvent.finalizedCheckpoint, checkpointEvent(chain, finalized));
  chain.logger.info("Finalized", {epoch: finalized.epoch, root: finalized.root});

  // Every node fork choice is about to drop: the finalized block's ancestors (archived) and dead branches (deleted).
  const canonical: ProtoNode[] = [];
  const orphans: ProtoNode[] = [];
  for (const node of fc.protoArray.nodes) {
    if (node.blockRoot === finalized.root || fc.isAncestor(node.blockRoot, finalized.root)) continue;
    // the tree's root is the previous finalized block (or the anchor): archived already
    if (!fc.hasBlock(node.parentRoot)) continue;
    if (fc.isAncestor(finalized.root, node.blockRoot)) canonical.push(node);
    else orphans.push(node);
  }
  // The finalized block itself joins the archive now; it stays fork choice's root.
  const finalizedNode = fc.getBlock(finalized.root);
  if (finalizedNode !== undefined && finalizedNode.blockRoot !== chain.anchorRoot) canonical.push(finalizedNode);

  try {
    const toArchive: {root: Uint8Array; block: SignedBeaconBlockAllForks}[] = [];
    for (const node of canonical) {
      if (node.blockRoot === chain.anchorRoot) continue;
      const root = fromHex(node.blockRoot);
      const block = await chain.db.getBlock(root);
      if (block !== null) toArchive.push({root, block});
    }
    await chain.db.archiveBlocks(toArchive);
    await chain.db.deleteBlocks(orphans.filter((n) => n.blockRoot !== chain.anchorRoot).map((n) => fromHex(n.blockRoot)));
  } catch (e) {
    chain.logger.error("Archiving finalized blocks failed", {epoch: finalized.epoch, error: errorMessage(e)});
  }

  try {
    const state = await chain.regen.getCheckpointState(finalized);
    chain.checkpointStates.pin(finalized);
    const cp = {epoch: finalized.epoch, root: fromHex(finalized.root)};
    await chain.db.putCheckpointState(cp, {fork: state.fork, state: state.state});
    await chain.db.putFinalized(cp);
    await chain.db.deleteCheckpointStatesBelow(finalized.epoch);
  } catch (e) {
    chain.logger.error("Finalized state not stored", {epoch: finalized.epoch, error: errorMessage(e)});
  }

  fc.prune();
  chain.blockStates.prune((root) => fc.hasBlock(root));
  chain.checkpointStates.pruneBelow(finalized.epoch);
  for (const key of chain.justifiedBalances.keys()) {
    if (Number(key.slice(0, key.indexOf(":"))) < finalized.epoch) chain.justifiedBalances.delete(key);
  }
  chain.opPool.prune(chain.head.state);
}
