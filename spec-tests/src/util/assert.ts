import {toHex} from "./files.js";

/** Fails the case with both values in hex, so that a mismatch reads at a glance. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function expectBytesEqual(actual: Uint8Array, expected: Uint8Array, what: string): void {
  if (!bytesEqual(actual, expected)) {
    const a = toHex(actual);
    const e = toHex(expected);
    const clip = (s: string): string => (s.length > 138 ? `${s.slice(0, 130)}…(${(s.length - 2) / 2} bytes)` : s);
    throw new Error(`${what} differs: got ${clip(a)}, expected ${clip(e)}`);
  }
}

export function expectEqual<T>(actual: T, expected: T, what: string): void {
  if (actual !== expected) throw new Error(`${what}: got ${String(actual)}, expected ${String(expected)}`);
}

/** Runs `fn` and fails the case unless it throws: the vectors' "this must be rejected" cases. */
export async function expectThrows(fn: () => unknown, what: string): Promise<void> {
  try {
    await fn();
  } catch {
    return;
  }
  throw new Error(`${what}: expected an error, but it succeeded`);
}
