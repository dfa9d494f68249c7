// light_client_finality_update and light_client_optimistic_update (altair light-client/p2p-interface.md),
// the full-node rules: newer than what was forwarded, not before the sync message is due, and equal
// to the locally computed update. A node that computes no updates (ctx.getLocalLightClientUpdate
// absent or null) cannot vouch for any: it IGNOREs them, which neither forwards nor penalises.
import {computeTimeAtSlotMs, type GossipValidationContext} from "./context.js";
import {gossipIgnore} from "./errors.js";

export type LightClientUpdateKind = "finality" | "optimistic";

export interface LightClientGossipInput {
  kind: LightClientUpdateKind;
  /** finalized_header.beacon.slot (finality) or attested_header.beacon.slot (optimistic). */
  headerSlot: number;
  signatureSlot: number;
  /** The update's SSZ bytes as received. */
  sszBytes: Uint8Array;
}

export interface LightClientSource {
  /** The SSZ bytes of the locally computed latest update of this kind, or null. */
  getLocalLightClientUpdate(kind: LightClientUpdateKind): Uint8Array | null;
}

/** get_sync_message_due_ms (altair validator.md): SYNC_MESSAGE_DUE_BPS of the slot. */
function syncMessageDueMs(ctx: GossipValidationContext): number {
  return Math.floor((ctx.config.SYNC_MESSAGE_DUE_BPS * ctx.config.SLOT_DURATION_MS) / 10000);
}

export function validateGossipLightClientUpdate(
  ctx: GossipValidationContext,
  source: LightClientSource | null,
  update: LightClientGossipInput,
  currentTimeMs = ctx.currentTimeMs()
): void {
  const last = update.kind === "finality" ? ctx.seen.lightClientFinalitySlot : ctx.seen.lightClientOptimisticSlot;
  if (update.headerSlot <= last) gossipIgnore(`${update.kind} update is not newer than the last forwarded`);
  const dueMs = computeTimeAtSlotMs(ctx, update.signatureSlot) + syncMessageDueMs(ctx);
  if (currentTimeMs + ctx.config.MAXIMUM_GOSSIP_CLOCK_DISPARITY < dueMs) gossipIgnore(`${update.kind} update received too early`);
  const local = source?.getLocalLightClientUpdate(update.kind) ?? null;
  if (local === null) gossipIgnore(`no locally computed ${update.kind} update`);
  if (!Buffer.from(local).equals(Buffer.from(update.sszBytes))) gossipIgnore(`${update.kind} update does not match the local one`);
  if (update.kind === "finality") ctx.seen.lightClientFinalitySlot = update.headerSlot;
  else ctx.seen.lightClientOptimisticSlot = update.headerSlot;
}
