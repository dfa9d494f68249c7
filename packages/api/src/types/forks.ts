// Values that differ by fork, as unions over every fork's SSZ type, and the block-with-blobs
// containers of the Beacon API (deneb and later publish and produce blocks with their blobs).
import {ListCompositeType, type Type, type ValueOf} from "@chainsafe/ssz";
import {FIELD_ELEMENTS_PER_EXT_BLOB, MAX_BLOB_COMMITMENTS_PER_BLOCK, isForkAtLeast, type ForkName} from "@hearth/params";
import {deneb, electra, fulu, ssz, sszTypesFor, type SszTypesByFork} from "@hearth/types";
import type {Codec} from "../codecs/codec.js";
import {apiContainer} from "./container.js";

/** The value of the type called `Name` at any fork that has one. */
export type ForkValue<Name extends string> = {
  [F in ForkName]: Name extends keyof SszTypesByFork[F]
    ? SszTypesByFork[F][Name] extends Type<infer V>
      ? V
      : never
    : never;
}[ForkName];

export type AnyBeaconBlock = ForkValue<"BeaconBlock">;
export type AnySignedBeaconBlock = ForkValue<"SignedBeaconBlock">;
export type AnyBeaconState = ForkValue<"BeaconState">;
export type AnyAttestation = ForkValue<"Attestation">;
export type AnyAttesterSlashing = ForkValue<"AttesterSlashing">;
export type AnySignedAggregateAndProof = ForkValue<"SignedAggregateAndProof">;

const Blobs = new ListCompositeType(ssz.Blob, MAX_BLOB_COMMITMENTS_PER_BLOCK);
const BlobKzgProofs = new ListCompositeType(ssz.KZGProof, MAX_BLOB_COMMITMENTS_PER_BLOCK);
// fulu sends a cell proof per cell of the extended blob (beacon-APIs Fulu.KZGProofs)
const CellKzgProofs = new ListCompositeType(ssz.KZGProof, FIELD_ELEMENTS_PER_EXT_BLOB * MAX_BLOB_COMMITMENTS_PER_BLOCK);

function blockContentsTypes<B extends Type<object>, S extends Type<object>, P extends Type<unknown[]>>(block: B, signedBlock: S, proofs: P) {
  return {
    BlockContents: apiContainer("BlockContents", {block, kzgProofs: proofs, blobs: Blobs}),
    SignedBlockContents: apiContainer("SignedBlockContents", {signedBlock, kzgProofs: proofs, blobs: Blobs}),
  };
}

export const blockContentsByFork = {
  deneb: blockContentsTypes(deneb.BeaconBlock, deneb.SignedBeaconBlock, BlobKzgProofs),
  electra: blockContentsTypes(electra.BeaconBlock, electra.SignedBeaconBlock, BlobKzgProofs),
  fulu: blockContentsTypes(fulu.BeaconBlock, fulu.SignedBeaconBlock, CellKzgProofs),
};
type ContentsFork = keyof typeof blockContentsByFork;

export type AnyBlockContents = {[F in ContentsFork]: ValueOf<(typeof blockContentsByFork)[F]["BlockContents"]>}[ContentsFork];
export type AnySignedBlockContents = {
  [F in ContentsFork]: ValueOf<(typeof blockContentsByFork)[F]["SignedBlockContents"]>;
}[ContentsFork];

/** What publishBlockV2 takes: a signed block, or from deneb a signed block with its blobs. */
export type PublishedBlock = AnySignedBeaconBlock | AnySignedBlockContents;
/** What produceBlockV3 gives: a block, or from deneb a block with its blobs. */
export type ProducedBlock = AnyBeaconBlock | AnyBlockContents;

function contentsFork(fork: ForkName): ContentsFork | null {
  return isForkAtLeast(fork, "deneb") ? (fork as ContentsFork) : null;
}

export function publishedBlockCodec(fork: ForkName): Codec<PublishedBlock> {
  const f = contentsFork(fork);
  return (f === null ? sszTypesFor(fork).SignedBeaconBlock : blockContentsByFork[f].SignedBlockContents) as Codec<PublishedBlock>;
}

export function producedBlockCodec(fork: ForkName): Codec<ProducedBlock> {
  const f = contentsFork(fork);
  return (f === null ? sszTypesFor(fork).BeaconBlock : blockContentsByFork[f].BlockContents) as Codec<ProducedBlock>;
}

/** Casts a fork's SSZ type to the codec of the union over forks. */
export function forkCodec<T>(select: (fork: ForkName) => unknown): (fork: ForkName) => Codec<T> {
  return (fork) => select(fork) as Codec<T>;
}
