// rewards: each rewards-deltas function of the spec on a pre state, against the vectors' Deltas
// (tests/formats/rewards). phase0 has five components; altair and later three flags and inactivity.
import {ContainerType, ListUintNum64Type} from "@chainsafe/ssz";
import {VALIDATOR_REGISTRY_LIMIT} from "@hearth/params";
import * as st from "@hearth/state-transition";
import type {CachedBeaconState, Deltas} from "@hearth/state-transition";
import type {RunnerBinding} from "../types.js";
import {hasFile, readSszSnappy} from "../util/files.js";
import {loadState} from "../util/state.js";

/** The Deltas container of the rewards format. */
const DeltasType = new ContainerType({
  rewards: new ListUintNum64Type(VALIDATOR_REGISTRY_LIMIT),
  penalties: new ListUintNum64Type(VALIDATOR_REGISTRY_LIMIT),
});

type DeltasFn = (cs: CachedBeaconState, cache: st.EpochTransitionCache) => Deltas;

const PHASE0: Record<string, DeltasFn> = {
  source_deltas: st.getSourceDeltas,
  target_deltas: st.getTargetDeltas,
  head_deltas: st.getHeadDeltas,
  inclusion_delay_deltas: st.getInclusionDelayDeltas,
  inactivity_penalty_deltas: st.getInactivityPenaltyDeltasPhase0,
};

const ALTAIR: Record<string, DeltasFn> = {
  source_deltas: (cs, c) => st.getFlagIndexDeltas(cs, 0, c),
  target_deltas: (cs, c) => st.getFlagIndexDeltas(cs, 1, c),
  head_deltas: (cs, c) => st.getFlagIndexDeltas(cs, 2, c),
  inactivity_penalty_deltas: st.getInactivityPenaltyDeltas,
};

function compare(name: string, kind: "rewards" | "penalties", actual: Float64Array, expected: number[]): void {
  if (actual.length !== expected.length) throw new Error(`${name}.${kind}: length ${actual.length}, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    if (actual[i] !== expected[i]) throw new Error(`${name}.${kind}[${i}]: ${actual[i]}, expected ${expected[i]}`);
  }
}

export const rewards: RunnerBinding = {
  handler(_handler, fork) {
    const functions = fork === "phase0" ? PHASE0 : ALTAIR;
    return (c) => {
      const cs = loadState(c);
      const cache = st.beforeProcessEpoch(cs);
      let compared = 0;
      for (const [name, fn] of Object.entries(functions)) {
        if (!hasFile(c.dir, `${name}.ssz_snappy`)) throw new Error(`missing ${name}.ssz_snappy`);
        const expected = DeltasType.deserialize(readSszSnappy(c.dir, name));
        const actual = fn(cs, cache);
        compare(name, "rewards", actual.rewards, expected.rewards);
        compare(name, "penalties", actual.penalties, expected.penalties);
        compared++;
      }
      if (compared === 0) throw new Error("no deltas compared");
    };
  },
};
