// The API benchmark proper (see api.bench.ts): a chain anchored at a synthetic mainnet state, the
// node's API implementation behind the fastify server on loopback, and each case fetched in full
// over HTTP, timed from request to last byte. One JSON line per case.
import {createBeaconApiServer} from "@hearth/api";
import {Db} from "@hearth/db";
import {buildSyntheticState} from "@hearth/state-transition/bench/syntheticState";
import {createBeaconApiImpl} from "../src/api/index.js";
import {BeaconChain, ChainDbAdapter} from "../src/chain/index.js";

interface Case {
  name: string;
  path: string;
  accept: string;
  /** The target, in ms. */
  targetMs: number;
}

const CASES: Case[] = [
  {name: "GET /eth/v1/beacon/states/head/validators JSON", path: "/eth/v1/beacon/states/head/validators", accept: "application/json", targetMs: 2000},
  {name: "GET /eth/v1/beacon/states/head/validators SSZ", path: "/eth/v1/beacon/states/head/validators", accept: "application/octet-stream", targetMs: 2000},
  {name: "GET /eth/v2/debug/beacon/states/head SSZ", path: "/eth/v2/debug/beacon/states/head", accept: "application/octet-stream", targetMs: 1000},
];

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
}

export async function main(args: string[]): Promise<void> {
  const validators = Number(arg(args, "--validators") ?? 1_000_000);
  const runs = Number(arg(args, "--runs") ?? 3);
  const only = arg(args, "--case");

  let t = performance.now();
  const {cs, config} = buildSyntheticState("fulu", validators);
  const slotMs = config.SLOT_DURATION_MS;
  const nowMs = cs.state.genesisTime * 1000 + cs.state.slot * slotMs + 100;
  const chain = await BeaconChain.initFromAnchor({config, db: new ChainDbAdapter(await Db.openInMemory(), config), executionEngine: null, now: () => nowMs}, cs);
  const impl = createBeaconApiImpl({chain, version: "bench"});
  const server = createBeaconApiServer({implementation: impl, host: "127.0.0.1", port: 0});
  const {url} = await server.listen();
  console.error(`bench: ${validators} validators, chain and server ready in ${Math.round(performance.now() - t)} ms`);

  try {
    for (const c of CASES) {
      if (only !== undefined && !c.name.includes(only)) continue;
      const times: number[] = [];
      const cpu: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs; i++) {
        t = performance.now();
        const cpu0 = process.cpuUsage();
        const res = await fetch(url + c.path, {headers: {accept: c.accept}});
        const body = new Uint8Array(await res.arrayBuffer());
        times.push(performance.now() - t);
        // the CPU this process spent (server and in-process client): a figure a loaded machine inflates less than wall time
        const used = process.cpuUsage(cpu0);
        cpu.push((used.user + used.system) / 1000);
        if (res.status !== 200) throw new Error(`${c.name}: status ${res.status}: ${Buffer.from(body.subarray(0, 300)).toString()}`);
        const type = (res.headers.get("content-type") ?? "").split(";")[0];
        if (type !== c.accept) throw new Error(`${c.name}: content type ${type}`);
        bytes = body.length;
      }
      const sorted = [...times].sort((a, b) => a - b);
      const ms = sorted[Math.floor(sorted.length / 2)];
      console.log(
        JSON.stringify({
          name: c.name,
          ms: Math.round(ms),
          ops_per_s: Number((1000 / ms).toFixed(3)),
          runs: times.map((x) => Math.round(x)),
          cpu_ms: cpu.map((x) => Math.round(x)),
          bytes,
          validators,
          target_ms: c.targetMs,
          within_target: ms < c.targetMs,
        })
      );
    }
  } finally {
    impl.close();
    await server.close();
    await chain.stop();
  }
}
