import {ReasonError} from "@hearth/params";

// Why a rewards query cannot be answered; the API maps each code to its status (400 or 404).
export enum RewardsErrorCode {
  UNKNOWN_VALIDATOR = "REWARDS_UNKNOWN_VALIDATOR",
  EPOCH_NOT_AVAILABLE = "REWARDS_EPOCH_NOT_AVAILABLE",
  BLOCK_NOT_AVAILABLE = "REWARDS_BLOCK_NOT_AVAILABLE",
  PRE_ALTAIR = "REWARDS_PRE_ALTAIR",
}

export class RewardsError extends ReasonError<RewardsErrorCode> {}
