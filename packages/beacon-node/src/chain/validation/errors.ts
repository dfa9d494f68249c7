import {ReasonError} from "@hearth/params";

// The two ways a gossip message fails (p2p-interface.md: "[IGNORE]" and "[REJECT]"), thrown by the
// validation functions exactly where the spec raises GossipIgnore / GossipReject.

export enum GossipAction {
  /** Not forwarded, no penalty: stale, duplicate, or not checkable yet. */
  IGNORE = "ignore",
  /** Invalid: not forwarded, and the sender is penalised. */
  REJECT = "reject",
}

export class GossipValidationError extends ReasonError<GossipAction> {}

export function gossipIgnore(reason: string): never {
  throw new GossipValidationError(GossipAction.IGNORE, reason);
}

export function gossipReject(reason: string): never {
  throw new GossipValidationError(GossipAction.REJECT, reason);
}
