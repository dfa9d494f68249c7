#!/usr/bin/env node
// The spec-test runner's entry point. It parses its flags and fixes HEARTH_PRESET before anything
// imports @hearth/params, because the SSZ types are sized by the preset when they are first imported.
import path from "node:path";
import os from "node:os";
import {spawn} from "node:child_process";
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from "node:fs";
import {fileURLToPath} from "node:url";

interface Args {
  preset: string;
  forks?: string[];
  runners?: string[];
  handlers?: string[];
  report?: string;
  verbose: boolean;
  jobs: number;
  /** Child mode: run shard k of n and write the results as JSON to `results`. */
  shard?: {index: number; count: number};
  results?: string;
}

const USAGE = `usage: npm run test:spec -- [--preset minimal|mainnet] [--fork F[,F]] [--runner R[,R]] [--handler H[,H]] [--report FILE] [--jobs N] [--verbose]
  SPEC_TESTS_DIR  the vectors (default ../shared/spec-tests beside the repo)
  HEARTH_PRESET   the preset when --preset is not given (default minimal)`;

function parseArgs(argv: string[]): Args {
  const args: Args = {
    preset: process.env.HEARTH_PRESET || "minimal",
    verbose: false,
    // One process per core: the cases are independent and the runner is CPU-bound.
    jobs: Math.min(os.availableParallelism(), 8),
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value`);
      return v;
    };
    const list = (): string[] => value().split(",").filter(Boolean);
    switch (flag) {
      case "--preset": args.preset = value(); break;
      case "--fork": args.forks = list(); break;
      case "--runner": args.runners = list(); break;
      case "--handler": args.handlers = list(); break;
      case "--report": args.report = value(); break;
      case "--verbose": args.verbose = true; break;
      case "--jobs": args.jobs = Math.max(1, Number(value()) || 1); break;
      case "--shard": {
        const [index, count] = value().split("/").map(Number);
        if (!(count > 0 && index >= 0 && index < count)) throw new Error("--shard takes k/n with 0 <= k < n");
        args.shard = {index, count};
        break;
      }
      case "--results": args.results = value(); break;
      case "--help": case "-h": console.log(USAGE); process.exit(0); break;
      default: throw new Error(`unknown flag ${flag}`);
    }
  }
  if (args.preset !== "minimal" && args.preset !== "mainnet") throw new Error(`--preset must be minimal or mainnet, got ${args.preset}`);
  return args;
}

let args: Args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (e) {
  console.error(`${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (process.env.HEARTH_PRESET && process.env.HEARTH_PRESET !== args.preset) {
  console.error(`HEARTH_PRESET=${process.env.HEARTH_PRESET} conflicts with --preset ${args.preset}`);
  process.exit(2);
}
process.env.HEARTH_PRESET = args.preset;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const specTestsDir = path.resolve(process.env.SPEC_TESTS_DIR ?? path.join(repoRoot, "../shared/spec-tests"));

const {collectResults, mergeResults, summarize} = await import("./run.js");
type Results = Awaited<ReturnType<typeof collectResults>>;
const options = {...args, specTestsDir};

if (args.shard && args.results) {
  writeFileSync(args.results, JSON.stringify(await collectResults(options)));
  process.exit(0);
}

let results: Results;
if (args.jobs > 1) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hearth-spec-"));
  const script = fileURLToPath(import.meta.url);
  const passOn = process.argv.slice(2).filter((_, i, all) => !["--jobs", "--report"].includes(all[i]) && !["--jobs", "--report"].includes(all[i - 1]));
  const parts = await Promise.all(
    Array.from({length: args.jobs}, (_, k) => {
      const file = path.join(dir, `shard-${k}.json`);
      return new Promise<Results>((resolve, reject) => {
        const child = spawn(process.execPath, [script, ...passOn, "--shard", `${k}/${args.jobs}`, "--results", file], {stdio: ["ignore", "inherit", "inherit"]});
        child.on("error", reject);
        child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(readFileSync(file, "utf8")) as Results) : reject(new Error(`spec-test shard ${k} exited with ${code}`))));
      });
    })
  );
  rmSync(dir, {recursive: true, force: true});
  results = mergeResults(parts);
} else {
  results = await collectResults(options);
}
const failed = summarize(results, args.report);
process.exit(failed > 0 ? 1 : 0);
