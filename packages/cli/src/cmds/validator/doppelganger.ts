// Runs doppelganger protection's checks: once per epoch, late in it (so the epoch's attestations
// can be on chain), ask about every key still being watched.
import {SLOTS_PER_EPOCH} from "@hearth/params";
import type {BeaconApiClient, HexString, Logger} from "@hearth/api";
import {toHex, type BeaconConfig} from "@hearth/config";
import {currentEpochAt, sleep, type DoppelgangerService} from "@hearth/validator";

export async function runDoppelgangerChecks(opts: {
  service: DoppelgangerService;
  api: Pick<BeaconApiClient, "postStateValidators">;
  config: BeaconConfig;
  genesisTime: number;
  pubkeys: () => Uint8Array[];
  logger: Logger;
  signal: AbortSignal;
}): Promise<void> {
  const {config, genesisTime, signal} = opts;
  const epochMs = Number(config.chain.SLOT_DURATION_MS) * SLOTS_PER_EPOCH;
  const indices = new Map<string, number>();
  while (!signal.aborted) {
    const epoch = currentEpochAt(config, genesisTime, Date.now());
    // three quarters into the epoch
    const at = genesisTime * 1000 + epoch * epochMs + Math.floor((epochMs * 3) / 4);
    if (Date.now() < at) await sleep(at - Date.now(), signal);
    if (signal.aborted) return;
    try {
      const unknown = opts.pubkeys().map((p) => toHex(p)).filter((h) => !indices.has(h));
      if (unknown.length > 0) {
        const res = await opts.api.postStateValidators({stateId: "head", query: {ids: unknown as HexString[]}}, {signal});
        for (const v of res.data) indices.set(toHex(v.validator.pubkey), v.index);
      }
      await opts.service.checkEpoch(epoch, (pubkey) => indices.get(toHex(pubkey)) ?? null, signal);
    } catch (e) {
      if (!signal.aborted) opts.logger.warn("Doppelganger check failed, keys stay stopped", {epoch, error: (e as Error).message});
    }
    // on to the next epoch's check point
    const next = genesisTime * 1000 + (epoch + 1) * epochMs;
    if (Date.now() < next) await sleep(next - Date.now(), signal);
  }
}
