// Late-block re-orgs (phase0 fork-choice.md "Proposer head and reorg helpers"): a proposer may build on
// the head's parent when the head came late and holds little weight, and the node may then hold back
// the forkchoiceUpdated of that late head (should_override_forkchoice_update).
import {EFFECTIVE_BALANCE_INCREMENT, SLOTS_PER_EPOCH} from "@hearth/params";
import {util, type CachedBeaconState} from "@hearth/state-transition";
import {ForkChoiceError, ForkChoiceErrorCode} from "../errors.js";
import type {ProtoNode, RootHex} from "../protoArray/interface.js";
import {sameCheckpoint} from "../protoArray/protoArray.js";
import {calculateCommitteeFraction} from "./balances.js";
import type {ForkChoice} from "./forkChoice.js";
import {computeTimeIntoSlotMs, getProposerReorgCutoffMs} from "./time.js";

const {computeEpochAtSlot} = util;

/** is_not_epoch_boundary (is_shuffling_stable before v1.7) */
export function isNotEpochBoundary(slot: number): boolean {
  return slot % SLOTS_PER_EPOCH !== 0;
}

/** is_ffg_competitive: the head and its parent pull up to the same justified checkpoint. */
export function isFfgCompetitive(head: ProtoNode, parent: ProtoNode): boolean {
  return sameCheckpoint(head.unrealizedJustified, parent.unrealizedJustified);
}

/** is_finalization_ok */
export function isFinalizationOk(fc: ForkChoice, slot: number): boolean {
  return computeEpochAtSlot(slot) - fc.finalizedCheckpoint.epoch <= fc.config.REORG_MAX_EPOCHS_SINCE_FINALIZATION;
}

/** is_proposing_on_time */
export function isProposingOnTime(fc: ForkChoice): boolean {
  return computeTimeIntoSlotMs(fc.config, fc.genesisTime, fc.time) <= getProposerReorgCutoffMs(fc.config);
}

/**
 * is_head_weak: the head's attestation score, plus the weight of equivocating validators of the head
 * slot's committees (so that more attestations can only make it stronger), is below the threshold.
 * `headState` (the head block's post-state) is needed only when there are equivocating validators.
 */
export function isHeadWeak(fc: ForkChoice, headRoot: RootHex, headState?: CachedBeaconState): boolean {
  const {totalActiveBalanceIncrements, effectiveBalanceIncrements} = fc.justifiedBalances;
  const threshold = calculateCommitteeFraction(totalActiveBalanceIncrements, fc.config.REORG_HEAD_WEIGHT_THRESHOLD);
  let weight = fc.getAttestationScoreIncrements(headRoot);
  if (fc.equivocatingIndices.size > 0) {
    if (headState === undefined) throw new Error("is_head_weak: the head state is needed to weigh equivocating committee members");
    const slot = fc.getBlock(headRoot)?.slot as number;
    const committees = headState.epochCtx.getCommitteeCountPerSlot(computeEpochAtSlot(slot));
    for (let index = 0; index < committees; index++) {
      for (const i of headState.epochCtx.getBeaconCommittee(slot, index)) {
        if (fc.equivocatingIndices.has(i)) weight += effectiveBalanceIncrements[i] ?? 0;
      }
    }
  }
  return BigInt(weight) * BigInt(EFFECTIVE_BALANCE_INCREMENT) < threshold;
}

/** is_parent_strong: the parent of `root` holds more than REORG_PARENT_WEIGHT_THRESHOLD of a committee. */
export function isParentStrong(fc: ForkChoice, root: RootHex): boolean {
  const threshold = calculateCommitteeFraction(fc.justifiedBalances.totalActiveBalanceIncrements, fc.config.REORG_PARENT_WEIGHT_THRESHOLD);
  const parentRoot = getKnownBlock(fc, root).parentRoot;
  return BigInt(fc.getAttestationScoreIncrements(parentRoot)) * BigInt(EFFECTIVE_BALANCE_INCREMENT) > threshold;
}

/** is_proposer_equivocation: another block of the same proposer and slot is in the store. */
export function isProposerEquivocation(fc: ForkChoice, root: RootHex): boolean {
  const block = getKnownBlock(fc, root);
  let matching = 0;
  for (const node of fc.protoArray.nodes) {
    if (node.proposerIndex === block.proposerIndex && node.slot === block.slot) matching++;
  }
  return matching > 1;
}

/** get_proposer_head: the root to build the block of `slot` on, the head's or its parent's. */
export function getProposerHead(fc: ForkChoice, headRoot: RootHex, slot: number, headState?: CachedBeaconState): RootHex {
  const head = getKnownBlock(fc, headRoot);
  const parent = getKnownBlock(fc, head.parentRoot);
  const headLate = !head.timely;
  const notEpochBoundary = isNotEpochBoundary(slot);
  const ffgCompetitive = isFfgCompetitive(head, parent);
  const finalizationOk = isFinalizationOk(fc, slot);
  const proposingOnTime = isProposingOnTime(fc);
  // Only re-org a single slot at most.
  const parentSlotOk = parent.slot + 1 === head.slot;
  const currentTimeOk = head.slot + 1 === slot;
  const singleSlotReorg = parentSlotOk && currentTimeOk;
  // The boost must have worn off, or the head's weight would count it.
  if (fc.proposerBoostRoot === headRoot) throw new ForkChoiceError(ForkChoiceErrorCode.HEAD_HAS_PROPOSER_BOOST, {headRoot});
  const headWeak = isHeadWeak(fc, headRoot, headState);
  const parentStrong = isParentStrong(fc, headRoot);
  const proposerEquivocation = isProposerEquivocation(fc, headRoot);

  if (headLate && notEpochBoundary && ffgCompetitive && finalizationOk && proposingOnTime && singleSlotReorg && headWeak && parentStrong) {
    return parent.blockRoot;
  }
  // Re-org more aggressively if the proposer of the head equivocated.
  if (headWeak && currentTimeOk && proposerEquivocation) return parent.blockRoot;
  return head.blockRoot;
}

/**
 * should_override_forkchoice_update (bellatrix fork-choice.md up to v1.6): whether to withhold the
 * forkchoiceUpdated of `headRoot` because this node expects to re-org it with its next proposal.
 * `isProposerConnected` answers validator_is_connected for the proposer of `proposalSlot` on the
 * parent's chain (the caller advances the parent state to find it).
 */
export function shouldOverrideForkchoiceUpdate(
  fc: ForkChoice,
  headRoot: RootHex,
  isProposerConnected: (proposalSlot: number, parentRoot: RootHex) => boolean,
  headState?: CachedBeaconState
): boolean {
  const head = getKnownBlock(fc, headRoot);
  const parent = getKnownBlock(fc, head.parentRoot);
  const currentSlot = fc.currentSlot;
  const proposalSlot = head.slot + 1;
  if (head.timely) return false;
  if (!isNotEpochBoundary(proposalSlot)) return false;
  if (!isFfgCompetitive(head, parent)) return false;
  if (!isFinalizationOk(fc, proposalSlot)) return false;
  // Differs from get_proposer_head: the head's own slot still counts as on time.
  const currentTimeOk = head.slot === currentSlot || (proposalSlot === currentSlot && isProposingOnTime(fc));
  if (!(parent.slot + 1 === head.slot && currentTimeOk)) return false;
  // The head's weight is only meaningful once the attestations of its slot can have been applied.
  if (currentSlot > head.slot && !(isHeadWeak(fc, headRoot, headState) && isParentStrong(fc, headRoot))) return false;
  return isProposerConnected(proposalSlot, parent.blockRoot);
}

function getKnownBlock(fc: ForkChoice, root: RootHex): ProtoNode {
  const node = fc.getBlock(root);
  if (node === undefined) throw new ForkChoiceError(ForkChoiceErrorCode.UNKNOWN_BLOCK, {root});
  return node;
}
