// fork: one upgrade_to_<fork> on a state of the fork before (tests/formats/forks).
import {forkBefore, isForkName} from "@hearth/params";
import {upgradeStateToFork} from "@hearth/state-transition";
import type {RunnerBinding} from "../types.js";
import {readYaml} from "../util/files.js";
import {expectState, loadState, specConfig} from "../util/state.js";

export const fork: RunnerBinding = {
  handler(handler) {
    if (handler !== "fork") return null;
    return (c) => {
      const meta = readYaml<{fork: string}>(c.dir, "meta");
      const postFork = meta.fork;
      if (!isForkName(postFork)) throw new Error(`unknown fork ${postFork} in meta.yaml`);
      const preFork = forkBefore(postFork);
      if (preFork === null) throw new Error("meta.yaml names phase0, which has no upgrade");
      const cs = loadState(c, "pre", preFork, specConfig(postFork));
      upgradeStateToFork(cs, postFork);
      expectState(cs, c);
    };
  },
};
