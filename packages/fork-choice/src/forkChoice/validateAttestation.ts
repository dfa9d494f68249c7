// validate_on_attestation (phase0 fork-choice.md "on_attestation helpers"): the checks of an
// attestation against the store's time and blocks, before its indexed form is checked.
import {GENESIS_EPOCH} from "@hearth/params";
import {util} from "@hearth/state-transition";
import {ForkChoiceError, ForkChoiceErrorCode} from "../errors.js";
import type {ForkChoice} from "./forkChoice.js";
import type {AttestationDataInput} from "./interface.js";

const {computeEpochAtSlot} = util;

/** validate_on_attestation; throws a ForkChoiceError. */
export function validateOnAttestation(fc: ForkChoice, data: AttestationDataInput, isFromBlock: boolean): void {
  const {target} = data;
  if (!isFromBlock) {
    // validate_target_epoch_against_current_time
    const currentEpoch = fc.currentEpoch;
    const previousEpoch = currentEpoch > GENESIS_EPOCH ? currentEpoch - 1 : GENESIS_EPOCH;
    if (target.epoch !== currentEpoch && target.epoch !== previousEpoch) {
      throw new ForkChoiceError(ForkChoiceErrorCode.INVALID_TARGET_EPOCH, {targetEpoch: target.epoch, currentEpoch});
    }
  }
  if (target.epoch !== computeEpochAtSlot(data.slot)) {
    throw new ForkChoiceError(ForkChoiceErrorCode.TARGET_EPOCH_SLOT_MISMATCH, {targetEpoch: target.epoch, slot: data.slot});
  }
  if (!fc.protoArray.hasBlock(target.root)) throw new ForkChoiceError(ForkChoiceErrorCode.UNKNOWN_TARGET_ROOT, {root: target.root});
  const block = fc.protoArray.getNode(data.beaconBlockRoot);
  if (block === undefined) throw new ForkChoiceError(ForkChoiceErrorCode.UNKNOWN_BEACON_BLOCK_ROOT, {root: data.beaconBlockRoot});
  if (block.slot > data.slot) throw new ForkChoiceError(ForkChoiceErrorCode.ATTESTS_TO_FUTURE_BLOCK, {blockSlot: block.slot, slot: data.slot});
  if (fc.getCheckpointBlock(data.beaconBlockRoot, target.epoch) !== target.root) {
    throw new ForkChoiceError(ForkChoiceErrorCode.INCONSISTENT_TARGET, {targetRoot: target.root});
  }
  if (fc.currentSlot < data.slot + 1) throw new ForkChoiceError(ForkChoiceErrorCode.FUTURE_ATTESTATION_SLOT, {slot: data.slot});
}
