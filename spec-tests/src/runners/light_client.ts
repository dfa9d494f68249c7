// light_client (tests/formats/light_client/): Merkle proofs of the light-client gindices, update
// ranking, the light client's sync store, and the full node's data collection — every fork from altair.
import {isForkName, ForkSeq} from "@hearth/params";
import type {RunnerBinding} from "../types.js";
import {merkleProof} from "./merkle_proof.js";
import {updateRanking} from "./light_client/updateRanking.js";
import {sync} from "./light_client/sync.js";
import {dataCollection} from "./light_client/dataCollection.js";

export const lightClientRunner: RunnerBinding = {
  handler(handler, fork, preset) {
    if (!isForkName(fork) || ForkSeq[fork] < ForkSeq.altair) return null;
    switch (handler) {
      // the same format as merkle_proof/single_merkle_proof: leaf, gindex and branch of a container
      case "single_merkle_proof":
        return merkleProof.handler("single_merkle_proof", fork, preset);
      case "update_ranking":
        return updateRanking;
      case "sync":
        return sync;
      case "data_collection":
        return dataCollection;
      default:
        return null;
    }
  },
};
