// The one base of every package's typed errors (DESIGN.md "Errors are typed and carry a code"). It
// lives here, in the package with no dependencies, so that every other package can extend it.

/**
 * An error with a code from its package's enum and the details that stay on it for callers and
 * tests. The message starts with the code: "CODE (key=value, …)" unless the subclass words its own.
 */
export class CodedError<C extends string, D extends object = Record<string, unknown>> extends Error {
  constructor(
    readonly code: C,
    readonly detail: D = {} as D,
    message: string = codedMessage(code, detail),
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A coded error whose detail is one sentence, for errors a caller reads rather than inspects: "CODE: reason". */
export class ReasonError<C extends string> extends CodedError<C, {reason: string}> {
  constructor(code: C, reason: string) {
    super(code, {reason}, `${code}: ${reason}`);
  }

  get reason(): string {
    return this.detail.reason;
  }
}

/** "CODE (key=value, …)", leaving out undefined values; just "CODE" without details. */
export function codedMessage(code: string, detail: object): string {
  const parts = Object.entries(detail)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${showValue(v)}`);
  return parts.length > 0 ? `${code} (${parts.join(", ")})` : code;
}

/** Bytes as 0x-hex, other objects as JSON (bigints as decimal strings), anything else as String(). */
function showValue(v: unknown): string {
  if (v instanceof Uint8Array) return "0x" + Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("hex");
  if (typeof v === "object" && v !== null) return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x));
  return String(v);
}

/** The message of anything thrown, for an error's detail. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
