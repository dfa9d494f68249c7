// The API benchmark proper (see api.bench.ts): a chain anchored at a synthetic mainnet state, the
// node's API implementation behind the fastify server on loopback, and each case fetched in full
// over HTTP by a client on a worker thread, timed from request to last byte. One JSON line per case;
// cpu_ms is the whole process's CPU (server and client) during each run.
import {Worker} from "node:worker_threads";
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

/**
 * The HTTP client runs on a worker thread, as a real client runs outside the node: in the server's
 * own isolate, reading half a gigabyte would charge the client's buffers and their collections to
 * the server's heap (which holds the million-validator state). It is node:http, reading the whole
 * body into one Buffer: fetch's web streams cost about as much CPU as the server's side.
 */
const CLIENT = `
const {parentPort} = require("node:worker_threads");
const http = require("node:http");
parentPort.on("message", ({url, accept}) => {
  http
    .get(url, {headers: {accept}}, (res) => {
      const chunks = [];
      let length = 0;
      res.on("data", (c) => {
        chunks.push(c);
        length += c.length;
      });
      res.on("end", () => {
        const body = Buffer.concat(chunks, length);
        parentPort.postMessage({status: res.statusCode, type: res.headers["content-type"] ?? "", bytes: body.length, head: body.subarray(0, 300).toString()});
      });
      res.on("error", (e) => parentPort.postMessage({error: String(e)}));
    })
    .on("error", (e) => parentPort.postMessage({error: String(e)}));
});`;

interface Fetched {
  status: number;
  type: string;
  bytes: number;
  head: string;
  error?: string;
}

function fetchIn(worker: Worker, url: string, accept: string): Promise<Fetched> {
  return new Promise((resolve) => {
    worker.once("message", resolve);
    worker.postMessage({url, accept});
  });
}

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
  const client = new Worker(CLIENT, {eval: true});

  try {
    for (const c of CASES) {
      if (only !== undefined && !c.name.includes(only)) continue;
      const times: number[] = [];
      const cpu: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs; i++) {
        t = performance.now();
        const cpu0 = process.cpuUsage();
        const res = await fetchIn(client, url + c.path, c.accept);
        times.push(performance.now() - t);
        // the CPU the process spent (server and client thread): a loaded machine inflates it less than wall time
        const used = process.cpuUsage(cpu0);
        cpu.push((used.user + used.system) / 1000);
        if (res.error !== undefined) throw new Error(`${c.name}: ${res.error}`);
        if (res.status !== 200) throw new Error(`${c.name}: status ${res.status}: ${res.head}`);
        const type = res.type.split(";")[0];
        if (type !== c.accept) throw new Error(`${c.name}: content type ${type}`);
        bytes = res.bytes;
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
    await client.terminate();
    impl.close();
    await server.close();
    await chain.stop();
  }
}
