import {deneb} from "@hearth/types";
import type {BeaconStateCapella, CachedBeaconState} from "../types.js";
import {carryOverState} from "./carryOver.js";
import {replaceState, setUpgradedFork} from "./common.js";

/** upgrade_to_deneb (deneb fork.md): the payload header gains blob_gas_used and excess_blob_gas, both 0. */
export function upgradeToDeneb(cs: CachedBeaconState): void {
  const preHeader = (cs.state as BeaconStateCapella).latestExecutionPayloadHeader.toValue();
  const post = carryOverState(cs.state, deneb.BeaconState);
  setUpgradedFork(cs, post, "deneb");
  post.latestExecutionPayloadHeader = deneb.ExecutionPayloadHeader.toViewDU({...preHeader, blobGasUsed: 0, excessBlobGas: 0});
  replaceState(cs, "deneb", post);
}
