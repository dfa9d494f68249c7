import type {CaseId} from "./types.js";
import {casePath} from "./discover.js";

/**
 * Every spec test we do not run although its runner is bound, with the reason. `match` is a path
 * below tests/ (<preset>/<fork>/<runner>/<handler>/<suite>/<case>); it matches a case when each of its
 * segments equals the case's or is "*", and it may stop early to match everything below it.
 * Keep this list short and every reason true: a skip is a debt, not a pass.
 */
export const SKIPS: {match: string; reason: string}[] = [];

export function skipReason(c: CaseId): string | null {
  const parts = casePath(c).split("/");
  for (const skip of SKIPS) {
    const pattern = skip.match.split("/");
    if (pattern.every((seg, i) => seg === "*" || seg === parts[i])) return skip.reason;
  }
  return null;
}
