// The BeaconChain as range sync sees it.
import {util, type SignedBeaconBlockAllForks} from "@hearth/state-transition";
import type {BeaconChain} from "../../chain/chain.js";
import {computeBlockRoot} from "../../chain/blocks/verifyBlock.js";
import type {RangeSyncChain} from "./interface.js";

export function rangeSyncChainOf(chain: BeaconChain): RangeSyncChain {
  return {
    headSlot: () => chain.head.node.slot,
    finalizedBlockSlot: () => {
      const fc = chain.forkChoice;
      return fc.getBlock(fc.finalizedCheckpoint.root)?.slot ?? util.computeStartSlotAtEpoch(fc.finalizedCheckpoint.epoch);
    },
    currentSlot: () => chain.clock.currentSlot,
    hasBlock: (rootHex) => chain.forkChoice.hasBlock(rootHex),
    blockRoot: (block: SignedBeaconBlockAllForks) => computeBlockRoot(chain, block.message),
    importBlock: async (block) => {
      await chain.processBlock(block, {source: "sync"});
    },
    importSegment: async (blocks) => (await chain.processChainSegment(blocks, {source: "sync"})).imported,
  };
}
