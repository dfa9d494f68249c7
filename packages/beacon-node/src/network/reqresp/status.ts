// Our Status (phase0 p2p-interface.md "Status", fulu "Status v2") from the chain: the wall-clock
// epoch's fork digest, fork choice's finalized checkpoint and the head.
import {createBeaconConfig, fromHex, type BeaconConfig} from "@hearth/config";
import type {p2p} from "@hearth/types";
import type {BeaconChain} from "../../chain/chain.js";

export function beaconConfigOf(chain: BeaconChain): BeaconConfig {
  return createBeaconConfig(chain.config, chain.genesisValidatorsRoot);
}

/**
 * The status we send and answer with. `earliestAvailableSlot` is the oldest slot whose block we can
 * serve: 0 for a node that has all history, the anchor's slot after checkpoint sync.
 */
export function getLocalStatus(chain: BeaconChain, config: BeaconConfig, earliestAvailableSlot = 0): p2p.StatusV2 {
  const finalized = chain.forkChoice.finalizedCheckpoint;
  const head = chain.head.node;
  return {
    forkDigest: config.forkDigestAtEpoch(chain.clock.currentEpoch),
    // the genesis checkpoint is sent with a zero root (phase0 p2p-interface.md)
    finalizedRoot: finalized.epoch === 0 ? new Uint8Array(32) : fromHex(finalized.root),
    finalizedEpoch: finalized.epoch,
    headRoot: fromHex(head.blockRoot),
    headSlot: head.slot,
    earliestAvailableSlot,
  };
}
