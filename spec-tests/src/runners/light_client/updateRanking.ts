// light_client/update_ranking (tests/formats/light_client/update_ranking.md): updates_<i> are ordered
// best first, so no later update may rank better than an earlier one under is_better_update.
import {lightClient} from "@hearth/state-transition";
import type {CaseFn} from "../../types.js";
import {readSszSnappy, readYaml, toNumber} from "../../util/files.js";
import {caseFork} from "../../util/state.js";

export const updateRanking: CaseFn = (c) => {
  const fork = lightClient.lightClientForkOf(caseFork(c));
  const type = lightClient.lightClientTypesFor(fork).LightClientUpdate;
  const count = toNumber(readYaml<{updates_count: bigint}>(c.dir, "meta").updates_count);
  const updates = Array.from({length: count}, (_, i) => type.deserialize(readSszSnappy(c.dir, `updates_${i}`)) as lightClient.LightClientUpdate);
  if (count < 2) throw new Error(`expected at least two updates to rank, got ${count}`);
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) {
      if (lightClient.isBetterUpdate(updates[j], updates[i])) throw new Error(`updates_${j} ranks better than updates_${i}`);
    }
    // an update is never better than itself
    if (lightClient.isBetterUpdate(updates[i], updates[i])) throw new Error(`updates_${i} ranks better than itself`);
  }
};
