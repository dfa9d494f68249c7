// Which engine API method version serves which consensus fork (execution-apis src/engine/: paris =
// bellatrix, shanghai = capella, cancun = deneb, prague = electra, osaka = fulu), and their timeouts.
import {ForkSeq, type ForkName} from "@hearth/params";
import {ExecutionEngineError, ExecutionEngineErrorCode} from "./errors.js";

type PostMergeFork = Exclude<ForkName, "phase0" | "altair">;

const NEW_PAYLOAD: Record<PostMergeFork, string> = {
  bellatrix: "engine_newPayloadV1",
  capella: "engine_newPayloadV2",
  deneb: "engine_newPayloadV3",
  electra: "engine_newPayloadV4",
  fulu: "engine_newPayloadV4",
};
const FORKCHOICE_UPDATED: Record<PostMergeFork, string> = {
  bellatrix: "engine_forkchoiceUpdatedV1",
  capella: "engine_forkchoiceUpdatedV2",
  deneb: "engine_forkchoiceUpdatedV3",
  electra: "engine_forkchoiceUpdatedV3",
  fulu: "engine_forkchoiceUpdatedV3",
};
const GET_PAYLOAD: Record<PostMergeFork, string> = {
  bellatrix: "engine_getPayloadV1",
  capella: "engine_getPayloadV2",
  deneb: "engine_getPayloadV3",
  electra: "engine_getPayloadV4",
  fulu: "engine_getPayloadV5",
};

function postMerge(fork: ForkName, what: string): PostMergeFork {
  if (ForkSeq[fork] < ForkSeq.bellatrix) {
    throw new ExecutionEngineError(ExecutionEngineErrorCode.INVALID_REQUEST, {fork, reason: `${what} has no engine API method before bellatrix`});
  }
  return fork as PostMergeFork;
}

export function newPayloadMethod(fork: ForkName): string {
  return NEW_PAYLOAD[postMerge(fork, "newPayload")];
}

export function forkchoiceUpdatedMethod(fork: ForkName): string {
  return FORKCHOICE_UPDATED[postMerge(fork, "forkchoiceUpdated")];
}

export function getPayloadMethod(fork: ForkName): string {
  return GET_PAYLOAD[postMerge(fork, "getPayload")];
}

/** engine_getBlobsV1 from deneb; engine_getBlobsV2 (all or nothing, cell proofs) from fulu. */
export function getBlobsMethod(fork: ForkName): string {
  if (ForkSeq[fork] < ForkSeq.deneb) {
    throw new ExecutionEngineError(ExecutionEngineErrorCode.INVALID_REQUEST, {fork, reason: "getBlobs has no engine API method before deneb"});
  }
  return ForkSeq[fork] >= ForkSeq.fulu ? "engine_getBlobsV2" : "engine_getBlobsV1";
}

export const EXCHANGE_CAPABILITIES = "engine_exchangeCapabilities";

/** Every method this client calls: what engine_exchangeCapabilities announces. */
export const SUPPORTED_ENGINE_METHODS: readonly string[] = [
  ...new Set([...Object.values(NEW_PAYLOAD), ...Object.values(FORKCHOICE_UPDATED), ...Object.values(GET_PAYLOAD)]),
  "engine_getBlobsV1",
  "engine_getBlobsV2",
];

/**
 * Per-method timeouts in ms. The engine API says 8 s for newPayload and forkchoiceUpdated and 1 s for
 * the rest, and lets the consensus client wait longer: newPayload gets most of a 12 s slot since a
 * slow verdict is better than none, getPayload a little slack because a missed proposal costs more.
 */
export interface EngineTimeouts {
  newPayload: number;
  forkchoiceUpdated: number;
  getPayload: number;
  getBlobs: number;
  exchangeCapabilities: number;
}

export const DEFAULT_ENGINE_TIMEOUTS: Readonly<EngineTimeouts> = Object.freeze({
  newPayload: 12_000,
  forkchoiceUpdated: 8_000,
  getPayload: 2_000,
  getBlobs: 1_000,
  exchangeCapabilities: 1_000,
});
