// Headless Chromium from Debian's package, driven by its own flags (no npm dependency): --dump-dom
// after a virtual-time budget gives the page as the browser rendered it, --screenshot a PNG.
import {execFile} from "node:child_process";
import {existsSync, mkdtempSync, rmSync} from "node:fs";
import os from "node:os";
import path from "node:path";

/** /usr/bin/chromium, or CHROMIUM_PATH; null when neither exists. */
export function findChromium(): string | null {
  for (const candidate of [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"]) {
    if (candidate && existsSync(candidate)) return candidate;
  }
  return null;
}

// Without the background-networking flags Chromium tries Google's hosts, which a closed network refuses.
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"];

function run(binary: string, args: string[], timeoutMs: number): Promise<string> {
  // a fresh profile for every run: nothing kept from an earlier one (localStorage, cache)
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), "hearth-chromium-"));
  return new Promise<string>((resolve, reject) => {
    execFile(binary, [...FLAGS, `--user-data-dir=${userDataDir}`, ...args], {timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024}, (err, stdout, stderr) => {
      rmSync(userDataDir, {recursive: true, force: true});
      if (err) reject(new Error(`chromium ${args.join(" ")} failed: ${err.message}\n${stderr.slice(-2000)}`));
      else resolve(stdout);
    });
  });
}

/** The DOM after the page's scripts ran for `budgetMs` of virtual time (network waits do not count). */
export function dumpDom(binary: string, url: string, budgetMs = 10_000): Promise<string> {
  return run(binary, [`--virtual-time-budget=${budgetMs}`, "--dump-dom", url], 60_000);
}

export async function screenshot(binary: string, url: string, file: string, size = "1280,1500", budgetMs = 10_000): Promise<void> {
  await run(binary, [`--virtual-time-budget=${budgetMs}`, `--window-size=${size}`, `--screenshot=${file}`, url], 60_000);
  if (!existsSync(file)) throw new Error(`chromium wrote no screenshot to ${file}`);
}

/** The text of the element with this id in a dumped DOM (the page's ids hold plain text). */
export function textById(dom: string, id: string): string | null {
  const m = new RegExp(`id="${id}"[^>]*>([^<]*)<`).exec(dom);
  return m ? m[1].trim() : null;
}
