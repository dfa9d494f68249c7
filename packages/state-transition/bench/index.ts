// `npm run bench` (node lib/bench/index.js [--fork electra|fulu] [--validators N] [--dump DIR]).
// The benchmark needs the mainnet preset, which sizes the SSZ types when @hearth/params is first
// imported, and --expose-gc for the heap figure; so this entry imports nothing of Hearth and, unless
// both are in place, re-runs itself in a child process that has them.
import {spawnSync} from "node:child_process";
import {fileURLToPath} from "node:url";

const hasGc = typeof (globalThis as {gc?: unknown}).gc === "function";
if (process.env.HEARTH_PRESET !== "mainnet" || !hasGc) {
  if (process.env.HEARTH_BENCH_CHILD) {
    console.error("bench: the re-spawned child still lacks HEARTH_PRESET=mainnet or --expose-gc");
    process.exit(1);
  }
  const result = spawnSync(
    process.execPath,
    ["--expose-gc", "--max-old-space-size=8192", fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {stdio: "inherit", env: {...process.env, HEARTH_PRESET: "mainnet", HEARTH_BENCH_CHILD: "1"}}
  );
  if (result.error) console.error(`bench: could not re-spawn node: ${result.error.message}`);
  process.exit(result.status ?? 1);
} else {
  // The native SIMD hasher, set before any SSZ work: @chainsafe/persistent-merkle-tree defaults to a
  // pure-JS sha256 that makes hashing a mainnet state several times slower.
  const {setHasher} = await import("@chainsafe/persistent-merkle-tree");
  const {hasher} = await import("@chainsafe/persistent-merkle-tree/hasher/hashtree");
  setHasher(hasher);
  const {main} = await import("./run.js");
  await main(process.argv.slice(2));
}
