// Every mainnet-sized benchmark starts the same way. The mainnet preset sizes the SSZ types when
// @hearth/params is first imported, so an entry imports nothing of Hearth before this has run: it
// re-runs the entry in a child process with HEARTH_PRESET=mainnet (and --expose-gc when asked), or,
// in that child, sets the native hasher and hands over to the benchmark.
import {spawnSync} from "node:child_process";
import {fileURLToPath} from "node:url";

/**
 * Runs `bench` in a process with the mainnet preset. `entry` is the calling module's import.meta.url;
 * `exposeGc` asks for global.gc (for heap figures). Outside such a process it never returns.
 */
export async function inMainnetBenchProcess(entry: string, opts: {exposeGc?: boolean}, bench: () => Promise<void>): Promise<void> {
  const hasGc = typeof (globalThis as {gc?: unknown}).gc === "function";
  if (process.env.HEARTH_PRESET !== "mainnet" || (opts.exposeGc === true && !hasGc)) {
    if (process.env.HEARTH_BENCH_CHILD) {
      console.error("bench: the re-spawned child still lacks HEARTH_PRESET=mainnet or --expose-gc");
      process.exit(1);
    }
    const flags = [...(opts.exposeGc ? ["--expose-gc"] : []), "--max-old-space-size=8192"];
    const result = spawnSync(process.execPath, [...flags, fileURLToPath(entry), ...process.argv.slice(2)], {
      stdio: "inherit",
      env: {...process.env, HEARTH_PRESET: "mainnet", HEARTH_BENCH_CHILD: "1"},
    });
    if (result.error) console.error(`bench: could not re-spawn node: ${result.error.message}`);
    process.exit(result.status ?? 1);
  }
  // The native SIMD hasher, set before any SSZ work: @chainsafe/persistent-merkle-tree defaults to a
  // pure-JS sha256 that makes hashing a mainnet state several times slower.
  const {setHasher} = await import("@chainsafe/persistent-merkle-tree");
  const {hasher} = await import("@chainsafe/persistent-merkle-tree/hasher/hashtree");
  setHasher(hasher);
  await bench();
}
