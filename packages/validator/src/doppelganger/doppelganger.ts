// Doppelganger protection: before a key's first signature, watch the chain for two full epochs
// through the Beacon API's liveness endpoint. A key that is live while this client has not signed
// with it is run by another instance; signing with it too would be slashable, so it is stopped
// for the life of this process and the operator is told loudly.
import {noopLogger, type BeaconApiClient, type Logger} from "@hearth/api";
import {toHex} from "@hearth/config";
import {DoppelgangerError, DoppelgangerErrorCode} from "./errors.js";

/** Full epochs a key must be seen not live before it may sign. */
export const DEFAULT_DOPPELGANGER_EPOCHS = 2;

export type DoppelgangerStatus = "pending" | "allowed" | "detected";

export interface DoppelgangerOptions {
  api: Pick<BeaconApiClient, "getLiveness">;
  logger?: Logger;
  epochsToCheck?: number;
}

interface KeyState {
  pubkey: Uint8Array;
  /**
   * The epoch the key was registered in. It and every epoch before it are not evidence: a previous
   * run of this same client may have signed in them before a restart.
   */
  startEpoch: number;
  /** Completed epochs after startEpoch in which the key was seen not live. */
  safeEpochs: Set<number>;
  status: DoppelgangerStatus;
}

export class DoppelgangerService {
  private readonly api: Pick<BeaconApiClient, "getLiveness">;
  private readonly logger: Logger;
  private readonly epochsToCheck: number;
  private readonly keys = new Map<string, KeyState>();

  constructor(opts: DoppelgangerOptions) {
    this.api = opts.api;
    this.logger = opts.logger ?? noopLogger;
    this.epochsToCheck = opts.epochsToCheck ?? DEFAULT_DOPPELGANGER_EPOCHS;
  }

  /** Starts watching `pubkey` from `currentEpoch`; a key already registered keeps its state. */
  register(pubkey: Uint8Array, currentEpoch: number): void {
    const hex = toHex(pubkey);
    if (this.keys.has(hex)) return;
    const status: DoppelgangerStatus = this.epochsToCheck === 0 ? "allowed" : "pending";
    this.keys.set(hex, {pubkey: pubkey.slice(), startEpoch: currentEpoch, safeEpochs: new Set(), status});
    if (status === "pending") {
      this.logger.info("Doppelganger protection watching key", {pubkey: hex, fromEpoch: currentEpoch + 1, epochs: this.epochsToCheck});
    }
  }

  status(pubkey: Uint8Array): DoppelgangerStatus | null {
    return this.keys.get(toHex(pubkey))?.status ?? null;
  }

  /** What the signing path asks before every signature of `pubkey`. */
  isSigningAllowed(pubkey: Uint8Array): boolean {
    return this.keys.get(toHex(pubkey))?.status === "allowed";
  }

  /** Throws the reason `pubkey` may not sign, if it may not. */
  assertSigningAllowed(pubkey: Uint8Array): void {
    const state = this.keys.get(toHex(pubkey));
    if (state === undefined) throw new DoppelgangerError(DoppelgangerErrorCode.UNKNOWN_KEY, {pubkey: toHex(pubkey)});
    if (state.status === "detected") throw new DoppelgangerError(DoppelgangerErrorCode.DETECTED, {pubkey: toHex(pubkey)});
    if (state.status === "pending") {
      throw new DoppelgangerError(DoppelgangerErrorCode.PENDING, {pubkey: toHex(pubkey), checkedEpochs: state.safeEpochs.size, of: this.epochsToCheck});
    }
  }

  /**
   * One round of checks in `currentEpoch` (best late in the epoch): asks the node for liveness of
   * the previous and the current epoch of every pending key. The previous epoch is complete, so a
   * not-live answer for it counts towards the watch; the current one can only reveal a doppelganger
   * early. `indexOf` maps a key to its validator index, null when the chain does not know it (such
   * a key cannot be live, so its epochs count as safe).
   */
  async checkEpoch(currentEpoch: number, indexOf: (pubkey: Uint8Array) => number | null, signal?: AbortSignal): Promise<void> {
    const pending = [...this.keys.values()].filter((k) => k.status === "pending");
    if (pending.length === 0) return;
    for (const epoch of [currentEpoch - 1, currentEpoch]) {
      const watched = pending.filter((k) => k.status === "pending" && epoch > k.startEpoch);
      if (watched.length === 0) continue;
      const byIndex = new Map<number, KeyState>();
      for (const k of watched) {
        const index = indexOf(k.pubkey);
        if (index !== null) byIndex.set(index, k);
      }
      const live = new Set<number>();
      const answered = new Set<number>();
      if (byIndex.size > 0) {
        const res = await this.api.getLiveness({epoch, indices: [...byIndex.keys()]}, {signal});
        for (const l of res.data) {
          if (!byIndex.has(l.index)) {
            throw new DoppelgangerError(DoppelgangerErrorCode.UNKNOWN_KEY, {reason: "liveness for an index not asked for", index: l.index, epoch});
          }
          answered.add(l.index);
          if (l.isLive) live.add(l.index);
        }
      }
      for (const k of watched) {
        const index = indexOf(k.pubkey);
        if (index !== null && live.has(index)) {
          this.detected(k, index, epoch);
        } else if (epoch < currentEpoch) {
          // a complete epoch; with an index we need the node's explicit answer, absence is not "not live"
          if (index === null || answered.has(index)) k.safeEpochs.add(epoch);
          if (k.safeEpochs.size >= this.epochsToCheck) {
            k.status = "allowed";
            this.logger.info("Doppelganger protection passed, key may sign", {pubkey: toHex(k.pubkey), epochs: [...k.safeEpochs].join(",")});
          }
        }
      }
    }
  }

  private detected(k: KeyState, index: number, epoch: number): void {
    k.status = "detected";
    this.logger.error(
      "DOPPELGANGER DETECTED: this validator key is live on chain from another client. It is stopped and signs nothing in this process. " +
        "Shut down the other instance (or this one), and restart only one of them.",
      {pubkey: toHex(k.pubkey), validatorIndex: index, epoch},
    );
  }

  /** Keys seen live elsewhere. */
  detectedKeys(): Uint8Array[] {
    return [...this.keys.values()].filter((k) => k.status === "detected").map((k) => k.pubkey);
  }
}
