import type {CompositeViewDU, ValueOf} from "@chainsafe/ssz";
import type {ForkName} from "@hearth/params";
import type {SszTypesByFork, deneb, fulu} from "@hearth/types";

/** A value with the fork whose type it is: what a forked bucket stores and returns. */
export interface Forked<T, F extends ForkName = ForkName> {
  fork: F;
  value: T;
}

export type SignedBeaconBlockOf<F extends ForkName> = ValueOf<SszTypesByFork[F]["SignedBeaconBlock"]>;
export type BeaconStateViewOf<F extends ForkName> = CompositeViewDU<SszTypesByFork[F]["BeaconState"]>;

/** A signed block of any fork, tagged with its fork: narrowing on `fork` narrows `value`. */
export type ForkedSignedBeaconBlock = {[F in ForkName]: Forked<SignedBeaconBlockOf<F>, F>}[ForkName];
/** A tree-backed beacon state of any fork, tagged with its fork. */
export type ForkedBeaconState = {[F in ForkName]: Forked<BeaconStateViewOf<F>, F>}[ForkName];

/** Forks that have blob sidecars. */
export type BlobSidecarFork = Exclude<ForkName, "phase0" | "altair" | "bellatrix" | "capella">;
/** A block's blob sidecars (deneb+). */
export type ForkedBlobSidecars = Forked<deneb.BlobSidecar[], BlobSidecarFork>;

/** Forks that have data column sidecars. */
export type DataColumnSidecarFork = Exclude<BlobSidecarFork, "deneb" | "electra">;
export type ForkedDataColumnSidecar = Forked<fulu.DataColumnSidecar, DataColumnSidecarFork>;

/** A forked value's SSZ bytes, as stored: for serving over the wire without a decode. */
export interface ForkedBytes {
  fork: ForkName;
  bytes: Uint8Array;
}
