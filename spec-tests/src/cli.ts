#!/usr/bin/env node
// The spec-test runner's entry point. It parses its flags and fixes HEARTH_PRESET before anything
// imports @hearth/params, because the SSZ types are sized by the preset when they are first imported.
import path from "node:path";
import {fileURLToPath} from "node:url";

interface Args {
  preset: string;
  forks?: string[];
  runners?: string[];
  handlers?: string[];
  report?: string;
  verbose: boolean;
}

const USAGE = `usage: npm run test:spec -- [--preset minimal|mainnet] [--fork F[,F]] [--runner R[,R]] [--handler H[,H]] [--report FILE] [--verbose]
  SPEC_TESTS_DIR  the vectors (default ../shared/spec-tests beside the repo)
  HEARTH_PRESET   the preset when --preset is not given (default minimal)`;

function parseArgs(argv: string[]): Args {
  const args: Args = {preset: process.env.HEARTH_PRESET || "minimal", verbose: false};
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

const {runSpecTests} = await import("./run.js");
const failed = await runSpecTests({...args, specTestsDir});
process.exit(failed > 0 ? 1 : 0);
