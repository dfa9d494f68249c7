// fork_choice and sync (tests/formats/fork_choice/README.md, tests/formats/sync/README.md): a store
// from anchor_state and anchor_block, then steps.yaml in order — ticks, blocks (with their
// attestations), attestations, attester slashings, PoW blocks, payload statuses and checks.
import {ForkSeq} from "@hearth/params";
import {sszTypesFor, type phase0} from "@hearth/types";
import type {SignedBeaconBlockAllForks} from "@hearth/state-transition";
import type {Type} from "@chainsafe/ssz";
import type {CaseFn, CaseId, RunnerBinding} from "../types.js";
import {readSszSnappy, readYaml, toHex, toNumber} from "../util/files.js";
import {caseFork, loadState, specConfig, verifySignaturesFor} from "../util/state.js";
import {SpecStore, type PayloadStatus} from "./fork_choice/store.js";
import {runChecks} from "./fork_choice/checks.js";
import {UnsupportedError, isBlobDataAvailable, isColumnDataAvailable, type BlobDataStep} from "./fork_choice/dataAvailability.js";

type Step = Record<string, unknown>;
type Block = SignedBeaconBlockAllForks["message"];
type Types = Record<"BeaconBlock" | "SignedBeaconBlock" | "Attestation" | "AttesterSlashing" | "PowBlock", Type<unknown>>;

const runCase: CaseFn = (c) => {
  const fork = caseFork(c);
  const config = specConfig(fork);
  const types = sszTypesFor(fork) as unknown as Types;
  const anchorBlock = types.BeaconBlock.deserialize(readSszSnappy(c.dir, "anchor_block")) as Block;
  const store = new SpecStore(fork, config, loadState(c, "anchor_state"), anchorBlock, verifySignaturesFor(c));
  const steps = readYaml<Step[]>(c.dir, "steps");

  steps.forEach((step, i) => {
    if ("checks" in step) {
      try {
        runChecks(store, step.checks as Step);
      } catch (e) {
        throw prefixed(e, `step ${i}`);
      }
      return;
    }
    const valid = step.valid === undefined || step.valid === true;
    let error: unknown = null;
    try {
      applyStep(c, store, types, step);
    } catch (e) {
      if (e instanceof UnsupportedError) throw prefixed(e, `step ${i}`);
      error = e;
    }
    if (valid && error !== null) throw prefixed(error, `step ${i} (${describe(step)})`);
    if (!valid && error === null) throw new Error(`step ${i} (${describe(step)}): expected to be invalid, but it applied`);
  });
};

function applyStep(c: CaseId, store: SpecStore, types: Types, step: Step): void {
  if ("tick" in step) {
    store.fc.onTick(toNumber(step.tick));
  } else if ("block" in step) {
    const signed = types.SignedBeaconBlock.deserialize(readSszSnappy(c.dir, step.block as string)) as SignedBeaconBlockAllForks;
    const block = signed.message;
    const root = toHex(types.BeaconBlock.hashTreeRoot(block));
    store.onBlock(signed, root, () => isDataAvailable(c, store, step as BlobDataStep, block));
    // An on_block step implies receiving the block's attestations.
    for (const attestation of block.body.attestations) store.onAttestation(attestation, true);
  } else if ("attestation" in step) {
    store.onAttestation(types.Attestation.deserialize(readSszSnappy(c.dir, step.attestation as string)) as phase0.Attestation, false);
  } else if ("attester_slashing" in step) {
    const slashing = types.AttesterSlashing.deserialize(readSszSnappy(c.dir, step.attester_slashing as string));
    store.onAttesterSlashing(slashing as {attestation1: phase0.IndexedAttestation; attestation2: phase0.IndexedAttestation});
  } else if ("pow_block" in step) {
    const pow = types.PowBlock.deserialize(readSszSnappy(c.dir, step.pow_block as string)) as {blockHash: Uint8Array; parentHash: Uint8Array; totalDifficulty: bigint};
    store.powBlocks.set(toHex(pow.blockHash), {blockHash: toHex(pow.blockHash), parentHash: toHex(pow.parentHash), totalDifficulty: pow.totalDifficulty});
  } else if ("block_hash" in step) {
    const status = step.payload_status as {status: PayloadStatus["status"]; latest_valid_hash: string | null};
    store.payloadStatuses.set(step.block_hash as string, {status: status.status, latestValidHash: status.latest_valid_hash});
  } else {
    throw new UnsupportedError(`unsupported step ${describe(step)}`);
  }
}

function isDataAvailable(c: CaseId, store: SpecStore, step: BlobDataStep, block: Block): boolean {
  if (ForkSeq[store.fork] >= ForkSeq.fulu) return isColumnDataAvailable(c, store.config, step);
  return isBlobDataAvailable(c, step, (block.body as {blobKzgCommitments: Uint8Array[]}).blobKzgCommitments);
}

function describe(step: Step): string {
  return Object.entries(step)
    .filter(([k]) => k !== "valid" && k !== "proofs" && k !== "columns")
    .map(([k, v]) => `${k}: ${typeof v === "object" ? JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x)) : String(v)}`)
    .join(", ");
}

function prefixed(e: unknown, where: string): Error {
  const err = e instanceof Error ? e : new Error(String(e));
  err.message = `${where}: ${err.message}`;
  return err;
}

export const forkChoice: RunnerBinding = {handler: () => runCase};
export const sync: RunnerBinding = {handler: (handler) => (handler === "optimistic" ? runCase : null)};
