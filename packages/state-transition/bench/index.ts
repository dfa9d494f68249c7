// `npm run bench` (node lib/bench/index.js [--fork electra|fulu] [--validators N] [--dump DIR]).
// The benchmark needs the mainnet preset and --expose-gc for the heap figure, so this entry imports
// nothing of Hearth itself and lets mainnetProcess.ts re-run it with both in place.
import {inMainnetBenchProcess} from "./mainnetProcess.js";

await inMainnetBenchProcess(import.meta.url, {exposeGc: true}, async () => {
  const {main} = await import("./run.js");
  await main(process.argv.slice(2));
});
