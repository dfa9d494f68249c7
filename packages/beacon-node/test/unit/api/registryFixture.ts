// A small fulu state whose validators take every status of the Beacon API at EPOCH, with numbers of
// every width: the fixture of the registry-from-bytes tests (validatorsFast, apiValidatorsSchema).
import {util, type CachedBeaconState} from "@hearth/state-transition";
import {fulu, phase0} from "@hearth/types";

export const FAR = Infinity;
export const EPOCH = 10;

/** Epoch fields giving, at EPOCH, each status in turn (balance 0 for withdrawal_done). */
export const SHAPES: {fields: Record<string, number | boolean>; balance?: number; status: string}[] = [
  {fields: {activationEligibilityEpoch: FAR, activationEpoch: FAR}, status: "pending_initialized"},
  {fields: {activationEligibilityEpoch: 5, activationEpoch: FAR}, status: "pending_queued"},
  {fields: {activationEligibilityEpoch: 5, activationEpoch: 11}, status: "pending_queued"},
  {fields: {}, status: "active_ongoing"},
  {fields: {exitEpoch: 12, withdrawableEpoch: 300}, status: "active_exiting"},
  {fields: {exitEpoch: 12, withdrawableEpoch: 300, slashed: true}, status: "active_slashed"},
  {fields: {exitEpoch: 10, withdrawableEpoch: 300}, status: "exited_unslashed"},
  {fields: {exitEpoch: 9, withdrawableEpoch: 300, slashed: true}, status: "exited_slashed"},
  {fields: {exitEpoch: 2, withdrawableEpoch: 10}, status: "withdrawal_possible"},
  {fields: {exitEpoch: 2, withdrawableEpoch: 9}, balance: 0, status: "withdrawal_done"},
  // numbers of every width: effective balance and epochs past 2**32
  {fields: {effectiveBalance: 2 ** 40 + 7, activationEligibilityEpoch: 0, activationEpoch: 0, exitEpoch: 2 ** 33 + 1, withdrawableEpoch: 2 ** 52}, balance: 2 ** 45 + 3, status: "active_exiting"},
];

/**
 * A fulu state holding only what these reads use (slot, validators, balances); the epoch context is
 * left out: the whole-registry path and ids given as indices never read it.
 */
export function buildRegistryState(count: number): CachedBeaconState {
  const state = fulu.BeaconState.defaultViewDU();
  state.slot = util.computeStartSlotAtEpoch(EPOCH) + 3;
  for (let i = 0; i < count; i++) {
    const shape = SHAPES[i % SHAPES.length];
    const base = {
      pubkey: new Uint8Array(48).map((_, k) => (i * 31 + k * 7) % 256),
      withdrawalCredentials: new Uint8Array(32).map((_, k) => (i + k * 13) % 256),
      effectiveBalance: 32_000_000_000,
      slashed: false,
      activationEligibilityEpoch: 0,
      activationEpoch: 0,
      exitEpoch: FAR,
      withdrawableEpoch: FAR,
    };
    state.validators.push(phase0.ValidatorNodeStruct.toViewDU({...base, ...shape.fields}));
    state.balances.push(shape.balance ?? 32_000_000_000 + i);
  }
  state.commit();
  return {fork: "fulu", state, config: {} as CachedBeaconState["config"], epochCtx: undefined as never};
}

