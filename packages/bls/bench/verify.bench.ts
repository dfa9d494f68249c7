// Prints one JSON line per case ({"name", "ms", "ops_per_s"}), as DESIGN.md asks of benchmarks.
// Run after `tsc -b`: node packages/bls/lib/bench/verify.bench.js
import {SecretKey, type SignatureSet, verify, verifySignatureSets} from "../src/index.js";

function bench(name: string, runs: number, fn: () => void): void {
  fn(); // warm-up, so that lazy native initialisation is not measured
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6 / runs;
  console.log(JSON.stringify({name, ms: Number(ms.toFixed(4)), ops_per_s: Number((1000 / ms).toFixed(1))}));
}

const BATCH = 64;
const sets: SignatureSet[] = Array.from({length: BATCH}, (_, i) => {
  const sk = SecretKey.fromKeygen(new Uint8Array(32).fill(i + 1));
  const root = new Uint8Array(32).fill(i);
  return {kind: "single", pubkey: sk.toPublicKey(), signingRoot: root, signature: sk.sign(root).toBytes()};
});
const first = sets[0] as Extract<SignatureSet, {kind: "single"}>;

bench("bls verify one signature (signature as bytes)", 200, () => {
  if (!verify(first.pubkey, first.signingRoot, first.signature)) throw new Error("bench signature invalid");
});
bench(`bls verifySignatureSets batch of ${BATCH}`, 10, () => {
  if (!verifySignatureSets(sets)) throw new Error("bench batch invalid");
});
bench(`bls verify ${BATCH} signatures one by one`, 10, () => {
  for (const set of sets) {
    if (set.kind !== "single" || !verify(set.pubkey, set.signingRoot, set.signature)) throw new Error("bench set invalid");
  }
});
