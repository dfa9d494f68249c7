// transition: blocks across a fork boundary (tests/formats/transition). The chain starts at the fork
// before post_fork, whose epoch is fork_epoch, so processSlots runs the upgrade where the spec does.
import {forkBefore, isForkName} from "@hearth/params";
import {FORK_CONFIG_KEYS} from "@hearth/config";
import {sszTypesFor} from "@hearth/types";
import {stateTransition, type SignedBeaconBlockAllForks} from "@hearth/state-transition";
import type {RunnerBinding} from "../types.js";
import {readSszSnappy, readYaml, toNumber} from "../util/files.js";
import {expectState, loadState, specConfig, verifySignaturesFor} from "../util/state.js";

interface TransitionMeta {
  post_fork: string;
  fork_epoch: bigint;
  /** The index of the last block of the fork before; absent when every block is of post_fork. */
  fork_block?: bigint;
  blocks_count: bigint;
}

export const transition: RunnerBinding = {
  handler(handler) {
    if (handler !== "core") return null;
    return (c) => {
      const meta = readYaml<TransitionMeta>(c.dir, "meta");
      const postFork = meta.post_fork;
      if (!isForkName(postFork)) throw new Error(`unknown post_fork ${postFork}`);
      if (postFork === "phase0") throw new Error("post_fork phase0 has no fork before it");
      const preFork = forkBefore(postFork) as Exclude<ReturnType<typeof forkBefore>, null>;
      const config = specConfig(preFork, {[FORK_CONFIG_KEYS[postFork].epoch]: toNumber(meta.fork_epoch)});
      const verify = verifySignaturesFor(c);
      const lastPreForkBlock = meta.fork_block === undefined ? -1 : toNumber(meta.fork_block);
      let cs = loadState(c, "pre", preFork, config);
      for (let i = 0; i < toNumber(meta.blocks_count); i++) {
        const blockFork = i <= lastPreForkBlock ? preFork : postFork;
        const bytes = readSszSnappy(c.dir, `blocks_${i}`);
        const block = sszTypesFor(blockFork).SignedBeaconBlock.deserialize(bytes) as SignedBeaconBlockAllForks;
        cs = stateTransition(cs, block, {verifyProposer: verify, verifySignatures: verify});
      }
      if (cs.fork !== postFork) throw new Error(`the chain is still at ${cs.fork} after the last block, not ${postFork}`);
      expectState(cs, c);
    };
  },
};
