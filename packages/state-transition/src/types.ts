import type {CompositeViewDU} from "@chainsafe/ssz";
import type {ForkName} from "@hearth/params";
import type {phase0, altair, bellatrix, capella, deneb, electra, fulu} from "@hearth/types";
import type {ChainConfig} from "@hearth/config";
import type {EpochContext} from "./cache/epochContext.js";

// Tree-backed views of each fork's BeaconState: cheap to clone, and hashTreeRoot re-hashes only what changed.
export type BeaconStatePhase0 = CompositeViewDU<typeof phase0.BeaconState>;
export type BeaconStateAltair = CompositeViewDU<typeof altair.BeaconState>;
export type BeaconStateBellatrix = CompositeViewDU<typeof bellatrix.BeaconState>;
export type BeaconStateCapella = CompositeViewDU<typeof capella.BeaconState>;
export type BeaconStateDeneb = CompositeViewDU<typeof deneb.BeaconState>;
export type BeaconStateElectra = CompositeViewDU<typeof electra.BeaconState>;
export type BeaconStateFulu = CompositeViewDU<typeof fulu.BeaconState>;
export type BeaconStateAllForks =
  | BeaconStatePhase0
  | BeaconStateAltair
  | BeaconStateBellatrix
  | BeaconStateCapella
  | BeaconStateDeneb
  | BeaconStateElectra
  | BeaconStateFulu;
/** A state of altair or later: participation flags, inactivity scores, sync committees. */
export type BeaconStatePostAltair = Exclude<BeaconStateAllForks, BeaconStatePhase0>;

/**
 * A beacon state with what the transition keeps beside it. `state` is replaced in place at a fork
 * upgrade, `fork` with it; `epochCtx` is rebuilt at each epoch boundary, never per block.
 */
export interface CachedBeaconState {
  fork: ForkName;
  state: BeaconStateAllForks;
  config: ChainConfig;
  epochCtx: EpochContext;
}

/** The options of stateTransition: each check can be turned off by a caller that did it already. */
export interface TransitionOptions {
  /** Check the block's state_root against the post-state (default true). */
  verifyStateRoot?: boolean;
  /** Check the block's proposer signature (default true). */
  verifyProposer?: boolean;
  /** Check every other signature of the block (default true); a batch verifier turns this off. */
  verifySignatures?: boolean;
  /** The execution engine's verdict on a payload; the default accepts every payload. */
  executionEngine?: ExecutionEngineVerdict;
}

/** The execution engine behind process_execution_payload: `verify_and_notify_new_payload`. */
export interface ExecutionEngineVerdict {
  verifyAndNotifyNewPayload(request: NewPayloadRequestLike): boolean;
}

export interface NewPayloadRequestLike {
  fork: ForkName;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  executionPayload: any;
  versionedHashes?: Uint8Array[];
  parentBeaconBlockRoot?: Uint8Array;
  executionRequests?: Uint8Array[];
}
