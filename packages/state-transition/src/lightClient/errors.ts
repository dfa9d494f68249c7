import {ReasonError} from "@hearth/params";

// Why a light-client object was rejected or could not be built, as a code a caller can branch on.
export enum LightClientErrorCode {
  INVALID_HEADER = "LIGHT_CLIENT_INVALID_HEADER",
  TRUSTED_ROOT_MISMATCH = "LIGHT_CLIENT_TRUSTED_ROOT_MISMATCH",
  INVALID_SYNC_COMMITTEE_BRANCH = "LIGHT_CLIENT_INVALID_SYNC_COMMITTEE_BRANCH",
  INVALID_FINALITY_BRANCH = "LIGHT_CLIENT_INVALID_FINALITY_BRANCH",
  NOT_ENOUGH_PARTICIPANTS = "LIGHT_CLIENT_NOT_ENOUGH_PARTICIPANTS",
  INVALID_SLOTS = "LIGHT_CLIENT_INVALID_SLOTS",
  WRONG_PERIOD = "LIGHT_CLIENT_WRONG_PERIOD",
  NOT_RELEVANT = "LIGHT_CLIENT_NOT_RELEVANT",
  INVALID_FINALIZED_HEADER = "LIGHT_CLIENT_INVALID_FINALIZED_HEADER",
  INVALID_NEXT_SYNC_COMMITTEE = "LIGHT_CLIENT_INVALID_NEXT_SYNC_COMMITTEE",
  INVALID_SIGNATURE = "LIGHT_CLIENT_INVALID_SIGNATURE",
  CANNOT_DOWNGRADE = "LIGHT_CLIENT_CANNOT_DOWNGRADE",
}

export class LightClientError extends ReasonError<LightClientErrorCode> {}

export function check(condition: boolean, code: LightClientErrorCode, message: string): asserts condition {
  if (!condition) throw new LightClientError(code, message);
}

