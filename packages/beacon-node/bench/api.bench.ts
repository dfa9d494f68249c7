// `npm run bench` in packages/api (and `npm run bench:api` here): the Beacon API's heaviest reads on
// a synthetic 1,000,000-validator mainnet state, through the real fastify server and the node's API
// implementation: GET validators as JSON and as SSZ, GET the debug state as SSZ. It lives in
// beacon-node because packages/api may not import the implementation. The mainnet preset sizes the
// SSZ types when @hearth/params is first imported, so this entry imports nothing of Hearth and
// re-runs itself with HEARTH_PRESET=mainnet when needed.
import {spawnSync} from "node:child_process";
import {fileURLToPath} from "node:url";

if (process.env.HEARTH_PRESET !== "mainnet") {
  if (process.env.HEARTH_BENCH_CHILD) {
    console.error("bench: the re-spawned child still lacks HEARTH_PRESET=mainnet");
    process.exit(1);
  }
  const result = spawnSync(process.execPath, ["--max-old-space-size=8192", fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
    env: {...process.env, HEARTH_PRESET: "mainnet", HEARTH_BENCH_CHILD: "1"},
  });
  if (result.error) console.error(`bench: could not re-spawn node: ${result.error.message}`);
  process.exit(result.status ?? 1);
} else {
  // the native hasher before any SSZ work: the state's root is computed once at setup
  const {setHasher} = await import("@chainsafe/persistent-merkle-tree");
  const {hasher} = await import("@chainsafe/persistent-merkle-tree/hasher/hashtree");
  setHasher(hasher);
  const {main} = await import("./apiRun.js");
  await main(process.argv.slice(2));
}
