import type {RunnerBinding} from "../types.js";
import {bls} from "./bls.js";
import {kzgRunner} from "./kzg.js";
import {sszGeneric} from "./ssz_generic.js";
import {sszStatic} from "./ssz_static.js";
import {shuffling} from "./shuffling.js";
import {operations} from "./operations.js";
import {epochProcessing} from "./epoch_processing.js";
import {rewards} from "./rewards.js";
import {fork} from "./fork.js";
import {transition} from "./transition.js";
import {genesis} from "./genesis.js";
import {sanity} from "./sanity.js";
import {finality} from "./finality.js";
import {random} from "./random.js";
import {merkleProof} from "./merkle_proof.js";
import {forkChoice, sync} from "./fork_choice.js";
import {lightClientRunner} from "./light_client.js";
import {networking} from "./networking.js";

/** Spec-test runner directory name → our binding. A runner missing here is counted as not run. */
export const RUNNERS: Record<string, RunnerBinding> = {
  bls,
  kzg: kzgRunner,
  ssz_generic: sszGeneric,
  ssz_static: sszStatic,
  shuffling,
  operations,
  epoch_processing: epochProcessing,
  rewards,
  fork,
  transition,
  genesis,
  sanity,
  finality,
  random,
  merkle_proof: merkleProof,
  fork_choice: forkChoice,
  sync,
  light_client: lightClientRunner,
  networking,
};
