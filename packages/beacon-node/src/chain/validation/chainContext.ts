// GossipValidationContext on the node's BeaconChain: fork choice is the spec's store (a block in fork
// choice passed validation; blocks whose import failed are remembered in a bounded set so that their
// children are REJECTed, not IGNOREd), the head state is the state parameter, and signatures go to the
// chain's BLS verifier, attestation-type sets through a BlsBatcher.
import {verifySignatureSets, type SignatureSet} from "@hearth/bls";
import {ExecutionStatus} from "@hearth/fork-choice";
import type {BeaconChain} from "../chain.js";
import type {GossipValidationContext, GossipPayloadStatus} from "./context.js";
import {SeenCaches} from "./seen.js";
import {BlsBatcher, type BlsBatcherOptions, type SignatureVerifier} from "./blsBatch.js";
import {verifyBlobKzgProof} from "../dataAvailability/kzg.js";

/** How many failed block roots to remember. */
const MAX_INVALID_BLOCKS = 1024;

export interface ChainGossipContext extends GossipValidationContext {
  /** Records a block whose import failed validation (its descendants are then rejected). */
  markBlockInvalid(root: string, slot: number): void;
  batcher: BlsBatcher;
}

export function createChainGossipContext(chain: BeaconChain, opts: {batch?: BlsBatcherOptions} = {}): ChainGossipContext {
  const verifier: SignatureVerifier = chain.blsVerifier ?? {verifySignatureSets: async (sets) => verifySignatureSets(sets)};
  const batcher = new BlsBatcher(verifier, opts.batch);
  const invalid = new Map<string, number>();
  const fc = (): BeaconChain["forkChoice"] => chain.forkChoice;
  return {
    config: chain.config,
    genesisTime: chain.genesisTime,
    currentTimeMs: () => chain.clock.timeSeconds * 1000,
    headState: () => chain.head.state,
    finalizedCheckpoint: () => fc().finalizedCheckpoint,
    getBlockSlot: (root) => fc().getBlock(root)?.slot ?? invalid.get(root) ?? null,
    isBlockValid: (root) => {
      const node = fc().getBlock(root);
      return node !== undefined && node.executionStatus !== ExecutionStatus.Invalid;
    },
    getPayloadStatus: (root): GossipPayloadStatus => {
      const status = fc().getBlock(root)?.executionStatus;
      if (status === ExecutionStatus.Invalid) return "INVALIDATED";
      if (status === ExecutionStatus.Valid) return "VALID";
      return "NOT_VALIDATED";
    },
    getCheckpointBlock: (root, epoch) => {
      if (!fc().hasBlock(root)) return null;
      return fc().getCheckpointBlock(root, epoch);
    },
    getPreState: async (parentRoot, slot) => {
      try {
        return await chain.regen.getPreState(parentRoot, slot);
      } catch {
        return null;
      }
    },
    verifySignatureSets: async (sets: SignatureSet[], o) => {
      if (o?.batchable) return batcher.verify(sets);
      try {
        return await verifier.verifySignatureSets(sets);
      } catch {
        return false;
      }
    },
    // c-kzg with its bundled trusted setup: a malformed point throws, which is an invalid proof.
    verifyBlobKzgProof: (blob, commitment, proof) => {
      try {
        return verifyBlobKzgProof(blob, commitment, proof);
      } catch {
        return false;
      }
    },
    seen: new SeenCaches(),
    markBlockInvalid(root, slot) {
      invalid.set(root, slot);
      if (invalid.size > MAX_INVALID_BLOCKS) invalid.delete(invalid.keys().next().value as string);
    },
    batcher,
  };
}
