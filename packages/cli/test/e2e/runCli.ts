// Runs the built `hearth` binary as a user would, for the e2e tests of its messages and exit codes.
import {spawn, type ChildProcess} from "node:child_process";
import path from "node:path";
import {fileURLToPath} from "node:url";

export const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src/index.js");
/** The repository root, from packages/cli/lib/test/e2e. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../..");

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `hearth ...args` to its end (or kills it after timeoutMs). HEARTH_PRESET of mocha must not leak in. */
export function runCli(args: string[], opts: {timeoutMs?: number; cwd?: string} = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {stdio: ["ignore", "pipe", "pipe"], cwd: opts.cwd, env: {...process.env, HEARTH_PRESET: undefined}});
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({code, stdout, stderr});
    });
  });
}

export interface CliProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts a long-running `hearth` (a dev chain, a node) in the background. */
export function startCli(args: string[], opts: {cwd?: string} = {}): CliProcess {
  const child = spawn(process.execPath, [CLI, ...args], {stdio: ["ignore", "pipe", "pipe"], cwd: opts.cwd, env: {...process.env, HEARTH_PRESET: undefined}});
  let out = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {child, output: () => out, exited};
}

export async function stopCli(p: CliProcess): Promise<void> {
  if (p.child.exitCode === null && p.child.signalCode === null) {
    p.child.kill("SIGKILL");
    await p.exited;
  }
}

/** Polls until `check` holds, or fails with the processes' last output. */
export async function waitFor(what: string, check: () => Promise<boolean>, procs: CliProcess[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}\n` + procs.map((p) => p.output().slice(-2500)).join("\n---\n"));
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}
