// Turns what went wrong into a message an operator can act on: an unknown flag gets the nearest real
// one, a port in use names the flag that sets it. Usage errors exit 2, everything else 1.

export const EXIT_RUNTIME = 1;
export const EXIT_USAGE = 2;

/** Edit distance, case-insensitive: `--restport` is one step from `--rest.port`. */
function distance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  let prev = Array.from({length: b.length + 1}, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The known flag nearest to `unknown`, when it is near enough to be a typo. */
export function suggestFlag(unknown: string, known: string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = distance(unknown, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(unknown.length / 3)) ? best : null;
}

/**
 * yargs' "Unknown argument(s): a, b" with a did-you-mean per flag, and where it came from when an
 * --rcConfig file set it.
 */
export function explainUsageError(msg: string, known: string[], rcKeys: Set<string>, rcFile: string | undefined): string {
  const m = /^Unknown arguments?: (.+)$/.exec(msg);
  if (!m) return msg;
  const parts = m[1].split(", ").map((name) => {
    const hint = suggestFlag(name, known);
    const from = rcKeys.has(name) && rcFile ? ` (set in --rcConfig ${rcFile})` : "";
    return `unknown flag --${name}${from}${hint ? `: did you mean --${hint}?` : ""}`;
  });
  return parts.join("\n");
}

/** Flags that open a listening port; the one whose value matches an EADDRINUSE names the culprit. */
const PORT_FLAGS = ["rest.port", "metrics.port", "port", "keymanager.port"];

/** A runtime error as one or more lines, with the fix where we know it. */
export function explainRuntimeError(err: Error, args: Record<string, unknown> | null): string {
  const e = err as NodeJS.ErrnoException & {port?: number; address?: string};
  const inUse = e.code === "EADDRINUSE" || /EADDRINUSE|address already in use/i.test(e.message);
  if (inUse) {
    const port = e.port ?? Number(/:(\d+)\s*$/.exec(e.message)?.[1] ?? NaN);
    const flag = args ? PORT_FLAGS.find((f) => args[f] !== undefined && Number(args[f]) === port) : undefined;
    const where = Number.isFinite(port) ? `port ${port}${e.address ? ` on ${e.address}` : ""}` : "a port";
    return `${where} is already in use (another hearth, or another program): stop it, or choose another port${flag ? ` with --${flag}` : ""}`;
  }
  const detail = (err as {detail?: {path?: string; reason?: string}}).detail;
  if (typeof e.code === "string" && e.code.includes("JWT_SECRET") && detail?.path) {
    return `--jwtSecret ${detail.path}: ${detail.reason ?? "unusable"} (make one with: openssl rand -hex 32 > ${detail.path})`;
  }
  return err.message;
}
