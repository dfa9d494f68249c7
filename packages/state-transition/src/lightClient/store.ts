// The light client's side of light-client/sync-protocol.md: initialize_light_client_store, the update
// validation and application, and the forced update (the store's fork upgrade is in upgrade.ts).
import {DOMAIN_SYNC_COMMITTEE, MIN_SYNC_COMMITTEE_PARTICIPANTS, UPDATE_TIMEOUT} from "@hearth/params";
import {computeDomain, computeSigningRoot} from "@hearth/config";
import {fastAggregateVerify} from "@hearth/bls";
import {phase0} from "@hearth/types";
import {computeEpochAtSlot} from "../util/epoch.js";
import {bytesEqual} from "../util/bytes.js";
import {
  computeSyncCommitteePeriodAtSlot,
  currentSyncCommitteeGindexAtSlot,
  finalizedRootGindexAtSlot,
  isFinalityUpdate,
  isSyncCommitteeUpdate,
  isValidLightClientHeader,
  isValidNormalizedMerkleBranch,
  isBetterUpdate,
  nextSyncCommitteeGindexAtSlot,
  sumBits,
  type LightClientConfig,
} from "./helpers.js";
import {LightClientErrorCode, check} from "./errors.js";
import {
  lightClientTypesFor,
  type LightClientBootstrap,
  type LightClientFinalityUpdate,
  type LightClientFork,
  type LightClientHeader,
  type LightClientOptimisticUpdate,
  type LightClientUpdate,
  type SyncCommittee,
} from "./types.js";

/** LightClientStore, with the fork whose containers its headers and best update are held in. */
export interface LightClientStore {
  fork: LightClientFork;
  finalizedHeader: LightClientHeader;
  currentSyncCommittee: SyncCommittee;
  nextSyncCommittee: SyncCommittee;
  bestValidUpdate: LightClientUpdate | null;
  optimisticHeader: LightClientHeader;
  previousMaxActiveParticipants: number;
  currentMaxActiveParticipants: number;
}

function isZeroSyncCommittee(sc: SyncCommittee): boolean {
  return sc.pubkeys.every((p) => p.every((b) => b === 0)) && sc.aggregatePubkey.every((b) => b === 0);
}

/** is_next_sync_committee_known */
export function isNextSyncCommitteeKnown(store: LightClientStore): boolean {
  return !isZeroSyncCommittee(store.nextSyncCommittee);
}

/** get_safety_threshold */
export function getSafetyThreshold(store: LightClientStore): number {
  return Math.floor(Math.max(store.previousMaxActiveParticipants, store.currentMaxActiveParticipants) / 2);
}

/** initialize_light_client_store; `bootstrap` must already be in the store's fork (see upgradeLcBootstrap). */
export function initializeLightClientStore(
  config: LightClientConfig,
  fork: LightClientFork,
  trustedBlockRoot: Uint8Array,
  bootstrap: LightClientBootstrap
): LightClientStore {
  const types = lightClientTypesFor(fork);
  check(isValidLightClientHeader(config, bootstrap.header), LightClientErrorCode.INVALID_HEADER, "bootstrap header");
  check(
    bytesEqual(phase0.BeaconBlockHeader.hashTreeRoot(bootstrap.header.beacon), trustedBlockRoot),
    LightClientErrorCode.TRUSTED_ROOT_MISMATCH,
    "bootstrap header is not the trusted block"
  );
  check(
    isValidNormalizedMerkleBranch(
      types.SyncCommittee.hashTreeRoot(bootstrap.currentSyncCommittee),
      bootstrap.currentSyncCommitteeBranch,
      currentSyncCommitteeGindexAtSlot(config, bootstrap.header.beacon.slot),
      bootstrap.header.beacon.stateRoot
    ),
    LightClientErrorCode.INVALID_SYNC_COMMITTEE_BRANCH,
    "current_sync_committee_branch"
  );
  return {
    fork,
    finalizedHeader: bootstrap.header,
    currentSyncCommittee: bootstrap.currentSyncCommittee,
    nextSyncCommittee: types.SyncCommittee.defaultValue() as SyncCommittee,
    bestValidUpdate: null,
    optimisticHeader: bootstrap.header,
    previousMaxActiveParticipants: 0,
    currentMaxActiveParticipants: 0,
  };
}

function isDefaultHeader(store: LightClientStore, header: LightClientHeader): boolean {
  const type = lightClientTypesFor(store.fork).LightClientHeader;
  return type.equals(header, type.defaultValue());
}

/** validate_light_client_update */
export function validateLightClientUpdate(
  config: LightClientConfig,
  store: LightClientStore,
  update: LightClientUpdate,
  currentSlot: number,
  genesisValidatorsRoot: Uint8Array
): void {
  const types = lightClientTypesFor(store.fork);
  // Verify sync committee has sufficient participants
  const participants = sumBits(update);
  check(participants >= MIN_SYNC_COMMITTEE_PARTICIPANTS, LightClientErrorCode.NOT_ENOUGH_PARTICIPANTS, `${participants} participants`);

  // Verify update does not skip a sync committee period
  check(isValidLightClientHeader(config, update.attestedHeader), LightClientErrorCode.INVALID_HEADER, "attested header");
  const attestedSlot = update.attestedHeader.beacon.slot;
  const finalizedSlot = update.finalizedHeader.beacon.slot;
  check(
    currentSlot >= update.signatureSlot && update.signatureSlot > attestedSlot && attestedSlot >= finalizedSlot,
    LightClientErrorCode.INVALID_SLOTS,
    `current ${currentSlot}, signature ${update.signatureSlot}, attested ${attestedSlot}, finalized ${finalizedSlot}`
  );
  const storePeriod = computeSyncCommitteePeriodAtSlot(store.finalizedHeader.beacon.slot);
  const signaturePeriod = computeSyncCommitteePeriodAtSlot(update.signatureSlot);
  if (isNextSyncCommitteeKnown(store)) {
    check(signaturePeriod === storePeriod || signaturePeriod === storePeriod + 1, LightClientErrorCode.WRONG_PERIOD, `signature period ${signaturePeriod}, store ${storePeriod}`);
  } else {
    check(signaturePeriod === storePeriod, LightClientErrorCode.WRONG_PERIOD, `signature period ${signaturePeriod}, store ${storePeriod}`);
  }

  // Verify update is relevant
  const attestedPeriod = computeSyncCommitteePeriodAtSlot(attestedSlot);
  const hasNextSyncCommittee = !isNextSyncCommitteeKnown(store) && isSyncCommitteeUpdate(update) && attestedPeriod === storePeriod;
  check(attestedSlot > store.finalizedHeader.beacon.slot || hasNextSyncCommittee, LightClientErrorCode.NOT_RELEVANT, `attested slot ${attestedSlot}`);

  // Verify that the finality branch, if present, confirms the finalized header
  if (!isFinalityUpdate(update)) {
    check(isDefaultHeader(store, update.finalizedHeader), LightClientErrorCode.INVALID_FINALIZED_HEADER, "finalized header without finality branch");
  } else {
    let finalizedRoot: Uint8Array;
    if (finalizedSlot === 0) {
      check(isDefaultHeader(store, update.finalizedHeader), LightClientErrorCode.INVALID_FINALIZED_HEADER, "genesis finalized header must be empty");
      finalizedRoot = new Uint8Array(32);
    } else {
      check(isValidLightClientHeader(config, update.finalizedHeader), LightClientErrorCode.INVALID_HEADER, "finalized header");
      finalizedRoot = phase0.BeaconBlockHeader.hashTreeRoot(update.finalizedHeader.beacon);
    }
    check(
      isValidNormalizedMerkleBranch(finalizedRoot, update.finalityBranch, finalizedRootGindexAtSlot(config, attestedSlot), update.attestedHeader.beacon.stateRoot),
      LightClientErrorCode.INVALID_FINALITY_BRANCH,
      "finality_branch"
    );
  }

  // Verify that the next sync committee, if present, is the one in the attested state
  if (!isSyncCommitteeUpdate(update)) {
    check(
      types.SyncCommittee.equals(update.nextSyncCommittee, types.SyncCommittee.defaultValue()),
      LightClientErrorCode.INVALID_NEXT_SYNC_COMMITTEE,
      "next sync committee without branch"
    );
  } else {
    if (attestedPeriod === storePeriod && isNextSyncCommitteeKnown(store)) {
      check(
        types.SyncCommittee.equals(update.nextSyncCommittee, store.nextSyncCommittee),
        LightClientErrorCode.INVALID_NEXT_SYNC_COMMITTEE,
        "next sync committee differs from the known one"
      );
    }
    check(
      isValidNormalizedMerkleBranch(
        types.SyncCommittee.hashTreeRoot(update.nextSyncCommittee),
        update.nextSyncCommitteeBranch,
        nextSyncCommitteeGindexAtSlot(config, attestedSlot),
        update.attestedHeader.beacon.stateRoot
      ),
      LightClientErrorCode.INVALID_SYNC_COMMITTEE_BRANCH,
      "next_sync_committee_branch"
    );
  }

  // Verify sync committee aggregate signature
  const syncCommittee = signaturePeriod === storePeriod ? store.currentSyncCommittee : store.nextSyncCommittee;
  const participantPubkeys = update.syncAggregate.syncCommitteeBits.getTrueBitIndexes().map((i) => syncCommittee.pubkeys[i]);
  const forkVersionSlot = Math.max(update.signatureSlot, 1) - 1;
  const forkVersion = config.computeForkVersion(computeEpochAtSlot(forkVersionSlot));
  const domain = computeDomain(DOMAIN_SYNC_COMMITTEE, forkVersion, genesisValidatorsRoot);
  const signingRoot = computeSigningRoot(phase0.BeaconBlockHeader, update.attestedHeader.beacon, domain);
  check(
    fastAggregateVerify(participantPubkeys, signingRoot, update.syncAggregate.syncCommitteeSignature),
    LightClientErrorCode.INVALID_SIGNATURE,
    "sync committee signature"
  );
}

/** apply_light_client_update */
export function applyLightClientUpdate(store: LightClientStore, update: LightClientUpdate): void {
  const storePeriod = computeSyncCommitteePeriodAtSlot(store.finalizedHeader.beacon.slot);
  const finalizedPeriod = computeSyncCommitteePeriodAtSlot(update.finalizedHeader.beacon.slot);
  if (!isNextSyncCommitteeKnown(store)) {
    check(finalizedPeriod === storePeriod, LightClientErrorCode.WRONG_PERIOD, `finalized period ${finalizedPeriod}, store ${storePeriod}`);
    store.nextSyncCommittee = update.nextSyncCommittee;
  } else if (finalizedPeriod === storePeriod + 1) {
    store.currentSyncCommittee = store.nextSyncCommittee;
    store.nextSyncCommittee = update.nextSyncCommittee;
    store.previousMaxActiveParticipants = store.currentMaxActiveParticipants;
    store.currentMaxActiveParticipants = 0;
  }
  if (update.finalizedHeader.beacon.slot > store.finalizedHeader.beacon.slot) {
    store.finalizedHeader = update.finalizedHeader;
    if (store.finalizedHeader.beacon.slot > store.optimisticHeader.beacon.slot) store.optimisticHeader = store.finalizedHeader;
  }
}

/** process_light_client_store_force_update */
export function processLightClientStoreForceUpdate(store: LightClientStore, currentSlot: number): void {
  const best = store.bestValidUpdate;
  if (currentSlot > store.finalizedHeader.beacon.slot + UPDATE_TIMEOUT && best !== null) {
    // The apply logic waits for a finalized header to advance the period; in long non-finality the
    // attested header stands in for it so that the client still reaches later periods.
    const update = best.finalizedHeader.beacon.slot <= store.finalizedHeader.beacon.slot ? {...best, finalizedHeader: best.attestedHeader} : best;
    applyLightClientUpdate(store, update);
    store.bestValidUpdate = null;
  }
}

/** process_light_client_update; `update` must be in the store's fork (see upgradeLcUpdate). */
export function processLightClientUpdate(
  config: LightClientConfig,
  store: LightClientStore,
  update: LightClientUpdate,
  currentSlot: number,
  genesisValidatorsRoot: Uint8Array
): void {
  validateLightClientUpdate(config, store, update, currentSlot, genesisValidatorsRoot);
  const participants = sumBits(update);
  const bitLen = update.syncAggregate.syncCommitteeBits.bitLen;

  // Keep the best update in case the timeout forces it
  if (store.bestValidUpdate === null || isBetterUpdate(update, store.bestValidUpdate)) store.bestValidUpdate = update;

  // Track the maximum number of active participants in the committee signatures
  store.currentMaxActiveParticipants = Math.max(store.currentMaxActiveParticipants, participants);

  // Update the optimistic header
  if (participants > getSafetyThreshold(store) && update.attestedHeader.beacon.slot > store.optimisticHeader.beacon.slot) {
    store.optimisticHeader = update.attestedHeader;
  }

  // Update finalized header
  const hasFinalizedNextSyncCommittee =
    !isNextSyncCommitteeKnown(store) &&
    isSyncCommitteeUpdate(update) &&
    isFinalityUpdate(update) &&
    computeSyncCommitteePeriodAtSlot(update.finalizedHeader.beacon.slot) === computeSyncCommitteePeriodAtSlot(update.attestedHeader.beacon.slot);
  if (participants * 3 >= bitLen * 2 && (update.finalizedHeader.beacon.slot > store.finalizedHeader.beacon.slot || hasFinalizedNextSyncCommittee)) {
    // Normal update through 2/3 threshold
    applyLightClientUpdate(store, update);
    store.bestValidUpdate = null;
  }
}

/** process_light_client_finality_update */
export function processLightClientFinalityUpdate(
  config: LightClientConfig,
  store: LightClientStore,
  finalityUpdate: LightClientFinalityUpdate,
  currentSlot: number,
  genesisValidatorsRoot: Uint8Array
): void {
  const types = lightClientTypesFor(store.fork);
  const update: LightClientUpdate = {
    ...finalityUpdate,
    nextSyncCommittee: types.SyncCommittee.defaultValue() as SyncCommittee,
    nextSyncCommitteeBranch: types.NextSyncCommitteeBranch.defaultValue() as Uint8Array[],
  };
  processLightClientUpdate(config, store, update, currentSlot, genesisValidatorsRoot);
}

/** process_light_client_optimistic_update */
export function processLightClientOptimisticUpdate(
  config: LightClientConfig,
  store: LightClientStore,
  optimisticUpdate: LightClientOptimisticUpdate,
  currentSlot: number,
  genesisValidatorsRoot: Uint8Array
): void {
  // The spec's LightClientUpdate with all but the attested header and sync aggregate defaulted: the
  // finality update's, with its finalized header and branch defaulted too.
  const types = lightClientTypesFor(store.fork);
  const finalityUpdate: LightClientFinalityUpdate = {
    ...optimisticUpdate,
    finalizedHeader: types.LightClientHeader.defaultValue() as LightClientHeader,
    finalityBranch: types.FinalityBranch.defaultValue() as Uint8Array[],
  };
  processLightClientFinalityUpdate(config, store, finalityUpdate, currentSlot, genesisValidatorsRoot);
}
