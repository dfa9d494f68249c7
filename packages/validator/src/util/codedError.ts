// One base for the validator package's typed errors: a code from the error's enum, and details that
// both stay on the error (for tests and callers) and make its message ("CODE (k=v, …)").

export type ErrorDetail = Record<string, string | number | boolean | undefined>;

export class CodedError<C extends string> extends Error {
  constructor(
    readonly code: C,
    readonly detail: ErrorDetail = {},
  ) {
    const parts = Object.entries(detail)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${String(v)}`);
    super(parts.length > 0 ? `${code} (${parts.join(", ")})` : code);
    this.name = new.target.name;
  }
}
