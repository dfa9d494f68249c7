// The status handshake's disconnect rules (phase0 p2p-interface.md "Status v1"): a peer on another
// fork digest, or whose finalized checkpoint is not in our chain, is irrelevant to us.
import {bytesEqual, type BeaconConfig} from "@hearth/config";
import type {p2p} from "@hearth/types";

export enum StatusVerdict {
  OK = "OK",
  WRONG_FORK_DIGEST = "WRONG_FORK_DIGEST",
  FINALIZED_CONFLICT = "FINALIZED_CONFLICT",
}

/**
 * Answers whether the checkpoint (epoch, root) is on our chain: true, false, or null when we cannot
 * tell (e.g. the epoch is ahead of our finalized one, or pruned). The node supplies it from fork
 * choice / the DB.
 */
export type FinalizedCheckpointChecker = (epoch: number, root: Uint8Array) => boolean | null;

export function checkPeerStatus(
  config: BeaconConfig,
  currentEpoch: number,
  ours: p2p.Status,
  theirs: p2p.Status,
  isOnOurChain?: FinalizedCheckpointChecker,
): StatusVerdict {
  if (!bytesEqual(theirs.forkDigest, config.forkDigestAtEpoch(currentEpoch))) return StatusVerdict.WRONG_FORK_DIGEST;
  if (theirs.finalizedEpoch <= ours.finalizedEpoch) {
    // Same finalized epoch: the roots must agree, no chain lookup needed.
    if (theirs.finalizedEpoch === ours.finalizedEpoch) {
      return bytesEqual(theirs.finalizedRoot, ours.finalizedRoot) ? StatusVerdict.OK : StatusVerdict.FINALIZED_CONFLICT;
    }
    // Older: genesis (epoch 0) is sent as a zero root and is on every chain of this digest.
    if (theirs.finalizedEpoch === 0) return StatusVerdict.OK;
    if (isOnOurChain && isOnOurChain(theirs.finalizedEpoch, theirs.finalizedRoot) === false) return StatusVerdict.FINALIZED_CONFLICT;
  }
  // Ahead of our finalized epoch: we cannot judge, and may sync from them.
  return StatusVerdict.OK;
}
