// Run by signatureSets.test.ts in a child process with HEARTH_PRESET=minimal (the vectors' preset sizes
// the SSZ types at import). Walks the sanity `blocks` vectors of every fork and prints one JSON report:
// for each valid block, getBlockSignatureSets must verify as one batch, and stop verifying when one
// signature byte or one signing root byte is flipped; for the invalid cases of bls_setting 1 (signature
// faults, mostly), the batch plus process_block without signatures must reject some block, as
// state_transition with signatures does.
import {existsSync, readdirSync, readFileSync} from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {FORK_NAMES, ForkSeq, type ForkName} from "@hearth/params";
import {FORK_CONFIG_KEYS, minimalChainConfig, type ChainConfig} from "@hearth/config";
import {sszTypesFor} from "@hearth/types";
import {verifySignatureSets, type SignatureSet} from "@hearth/bls";
import type {Type} from "@chainsafe/ssz";
import {cloneCachedState, loadCachedBeaconState, processBlock, processSlots, type CachedBeaconState, type SignedBeaconBlockAllForks} from "../../src/index.js";
import {getBlockSignatureSets} from "../../src/signatureSets/index.js";
import {uncompressSnappy} from "./snappy.js";

export interface VectorReport {
  /** Per fork: cases walked, valid blocks whose batch verified, invalid cases rejected by the batch / by process_block. */
  forks: Record<string, {cases: number; blocks: number; sets: number; rejectedBySignatures: number; rejectedByTransition: number}>;
  /** Signature-set problems: a valid block that did not verify, a flip that still verified, … */
  failures: string[];
  /** Cases that could not be walked because the state transition failed between blocks. */
  errors: string[];
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../..");
const specTestsDir = path.resolve(process.env.SPEC_TESTS_DIR ?? path.join(repoRoot, "../shared/spec-tests"));

function configFor(fork: ForkName): ChainConfig {
  const epochs: Record<string, number> = {};
  for (const f of FORK_NAMES) if (f !== "phase0") epochs[FORK_CONFIG_KEYS[f].epoch] = ForkSeq[f] <= ForkSeq[fork] ? 0 : Infinity;
  return {...minimalChainConfig, ...epochs} as ChainConfig;
}

function read(dir: string, name: string): Uint8Array {
  return uncompressSnappy(new Uint8Array(readFileSync(path.join(dir, `${name}.ssz_snappy`))));
}

/** meta.yaml is one flow mapping of small integers, e.g. {blocks_count: 1, bls_setting: 1}. */
function metaValue(dir: string, key: string): number | null {
  const file = path.join(dir, "meta.yaml");
  if (!existsSync(file)) return null;
  const m = new RegExp(`${key}:\\s*(\\d+)`).exec(readFileSync(file, "utf8"));
  return m ? Number(m[1]) : null;
}

function flipped(sets: SignatureSet[], which: number, field: "signature" | "signingRoot"): SignatureSet[] {
  const copy = sets.slice();
  const bytes = Uint8Array.from(copy[which][field]);
  bytes[bytes.length - 1] ^= 0x01;
  copy[which] = {...copy[which], [field]: bytes};
  return copy;
}

export function checkVectors(): VectorReport {
  const report: VectorReport = {forks: {}, failures: [], errors: []};
  for (const fork of FORK_NAMES) {
    const casesDir = path.join(specTestsDir, "tests/minimal", fork, "sanity/blocks/pyspec_tests");
    if (!existsSync(casesDir)) continue;
    const counts = {cases: 0, blocks: 0, sets: 0, rejectedBySignatures: 0, rejectedByTransition: 0};
    report.forks[fork] = counts;
    const config = configFor(fork);
    const blockType = sszTypesFor(fork).SignedBeaconBlock as unknown as Type<SignedBeaconBlockAllForks>;
    for (const name of readdirSync(casesDir).sort()) {
      const dir = path.join(casesDir, name);
      const blsSetting = metaValue(dir, "bls_setting") ?? 0;
      const valid = existsSync(path.join(dir, "post.ssz_snappy"));
      // Signatures are meaningful unless bls_setting is 2; of the invalid cases, those of bls_setting 1
      // are the ones about signatures.
      if (blsSetting === 2 || (!valid && blsSetting !== 1)) continue;
      counts.cases++;
      const where = `${fork}/${name}`;
      let cs: CachedBeaconState = loadCachedBeaconState(fork, read(dir, "pre"), config);
      const blockCount = metaValue(dir, "blocks_count") ?? 0;
      let rejected: "signatures" | "transition" | null = null;
      let aborted = false;
      for (let i = 0; i < blockCount && !rejected; i++) {
        const signedBlock = blockType.deserialize(read(dir, `blocks_${i}`));
        let sets: SignatureSet[];
        try {
          cs = cloneCachedState(cs);
          processSlots(cs, signedBlock.message.slot);
        } catch (e) {
          report.errors.push(`${where} block ${i}: process_slots: ${(e as Error).message}`);
          aborted = true;
          break;
        }
        try {
          sets = getBlockSignatureSets(cs, signedBlock);
        } catch (e) {
          if (valid) report.failures.push(`${where} block ${i}: getBlockSignatureSets threw: ${(e as Error).message}`);
          rejected = "signatures";
          break;
        }
        const ok = verifySignatureSets(sets);
        if (!valid) {
          if (!ok) rejected = "signatures";
        } else if (!ok) {
          report.failures.push(`${where} block ${i}: the batch of ${sets.length} sets does not verify`);
          break;
        } else {
          counts.blocks++;
          counts.sets += sets.length;
          const which = i % sets.length;
          if (verifySignatureSets(flipped(sets, which, "signature"))) report.failures.push(`${where} block ${i}: verifies with set ${which}'s signature flipped`);
          if (verifySignatureSets(flipped(sets, which, "signingRoot"))) report.failures.push(`${where} block ${i}: verifies with set ${which}'s signing root flipped`);
        }
        if (rejected) break;
        try {
          processBlock(cs, signedBlock.message, {verifySignatures: false});
        } catch (e) {
          if (valid) report.errors.push(`${where} block ${i}: process_block: ${(e as Error).message}`);
          else rejected = "transition";
          aborted = valid;
          break;
        }
      }
      if (!valid && !aborted) {
        if (rejected === "signatures") counts.rejectedBySignatures++;
        else if (rejected === "transition") counts.rejectedByTransition++;
        else report.failures.push(`${where}: invalid case, but every block passed the batch and process_block`);
      }
    }
  }
  return report;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(path.join(specTestsDir, "tests/minimal"))) {
    console.log(JSON.stringify({missing: specTestsDir}));
  } else {
    console.log(JSON.stringify(checkVectors()));
  }
}
