// `npm run bench` in packages/api (and `npm run bench:api` here): the Beacon API's heaviest reads on
// a synthetic 1,000,000-validator mainnet state, through the real fastify server and the node's API
// implementation: GET validators as JSON and as SSZ, GET the debug state as SSZ. It lives in
// beacon-node because packages/api may not import the implementation. It runs with the mainnet
// preset, which mainnetProcess re-runs this entry with before anything of Hearth is imported.
import {inMainnetBenchProcess} from "@hearth/state-transition/bench/mainnetProcess";

await inMainnetBenchProcess(import.meta.url, {}, async () => {
  const {main} = await import("./apiRun.js");
  await main(process.argv.slice(2));
});
