/** Where one test case lives: tests/<preset>/<fork>/<runner>/<handler>/<suite>/<case>/ */
export interface CaseId {
  preset: string;
  fork: string;
  runner: string;
  handler: string;
  suite: string;
  name: string;
  /** Absolute path of the case directory. */
  dir: string;
}

/** Runs one case; it passes when it returns, and fails by throwing with a message that says why. */
export type CaseFn = (testCase: CaseId) => void | Promise<void>;

/**
 * Binds a spec-test runner (a directory name under <fork>/) to our implementation.
 * `handler` returns the function for a handler, or null when this handler is not bound yet: its cases
 * are then counted as not run, never as passed.
 */
export interface RunnerBinding {
  handler(handler: string, fork: string, preset: string): CaseFn | null;
}

export type Outcome = "passed" | "failed" | "skipped" | "notRun";
export type Counts = Record<Outcome, number>;
/** {preset: {fork: {runner: counts}}}, the shape that --report writes. */
export type Report = Record<string, Record<string, Record<string, Counts>>>;
