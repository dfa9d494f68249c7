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
  /** Heads this process's output when a wait times out (e2e tests with several nodes). */
  name?: string;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/**
 * Starts any command in the background, its stdout and stderr collected into one output. The CLI
 * picks its own preset (minimal for dev) unless told: mocha's HEARTH_PRESET must not leak in.
 */
export function startProcess(command: string, args: string[], opts: {cwd?: string; name?: string; detached?: boolean} = {}): CliProcess {
  const child = spawn(command, args, {stdio: ["ignore", "pipe", "pipe"], cwd: opts.cwd, detached: opts.detached, env: {...process.env, HEARTH_PRESET: undefined}});
  let out = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {name: opts.name, child, output: () => out, exited};
}

/** Starts a long-running `hearth` (a dev chain, a node) in the background. */
export function startCli(args: string[], opts: {cwd?: string; name?: string} = {}): CliProcess {
  return startProcess(process.execPath, [CLI, ...args], opts);
}

export interface NodeProcess extends CliProcess {
  name: string;
  /** Its Beacon API, http://127.0.0.1:<restPort>. */
  api: string;
}

/** Starts `hearth dev` or `hearth beacon` with its Beacon API on restPort and no metrics server. */
export function startNode(name: string, args: string[], restPort: number): NodeProcess {
  const p = startCli([...args, "--rest.port", String(restPort), "--metrics", "false"], {name});
  return {...p, name, api: `http://127.0.0.1:${restPort}`};
}

export async function stopCli(p: CliProcess): Promise<void> {
  if (p.child.exitCode === null && p.child.signalCode === null) {
    p.child.kill("SIGKILL");
    await p.exited;
  }
}

export async function stopAll(procs: CliProcess[]): Promise<void> {
  for (const p of procs) await stopCli(p);
}

/** Polls until `check` holds, or fails with the processes' last output. */
export async function waitFor(what: string, check: () => Promise<boolean> | boolean, procs: CliProcess[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}\n` + procs.map((p) => `--- ${p.name ?? "output"} ---\n${p.output().slice(-2500)}`).join("\n"));
}

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.json()) as T;
}
