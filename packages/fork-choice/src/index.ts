export * from "./errors.js";
export {ExecutionStatus, NONE, type Checkpoint, type ProtoBlock, type ProtoNode, type RootHex, type ViabilityContext} from "./protoArray/interface.js";
export {ProtoArray, sameCheckpoint} from "./protoArray/protoArray.js";
export {pruneProtoArray} from "./protoArray/prune.js";
export {applyPayloadVerdict, type PayloadVerdict} from "./protoArray/executionStatus.js";
export {VoteTracker} from "./forkChoice/votes.js";
export {ForkChoice} from "./forkChoice/forkChoice.js";
export {ZERO_ROOT_HEX, type AttestationDataInput, type ForkChoiceAnchor, type ForkChoiceOptions} from "./forkChoice/interface.js";
export {getJustifiedBalances, calculateCommitteeFraction, gweiToWeightUnits, type JustifiedBalances} from "./forkChoice/balances.js";
export * from "./forkChoice/time.js";
export {
  getProposerHead,
  shouldOverrideForkchoiceUpdate,
  isHeadWeak,
  isParentStrong,
  isProposerEquivocation,
  isFfgCompetitive,
  isFinalizationOk,
  isProposingOnTime,
  isNotEpochBoundary,
} from "./forkChoice/reorg.js";
export {isValidTerminalPowBlock, validateMergeBlock, type PowBlock} from "./forkChoice/merge.js";
