import {ENR} from "@chainsafe/enr";
import {NetworkError, NetworkErrorCode} from "../host/errors.js";

/**
 * Decodes bootnode ENRs ("enr:…" text). A bad one is a configuration error the operator must see,
 * so it throws with the offending entry rather than being skipped. Duplicates are dropped.
 */
export function parseBootnodes(enrs: readonly string[]): ENR[] {
  const seen = new Set<string>();
  const out: ENR[] = [];
  for (const raw of enrs) {
    const text = raw.trim();
    if (text === "") continue;
    let enr: ENR;
    try {
      enr = ENR.decodeTxt(text);
    } catch (e) {
      throw new NetworkError(NetworkErrorCode.INVALID_BOOTNODE, `invalid bootnode ENR ${text.slice(0, 24)}…: ${(e as Error).message}`, {enr: text});
    }
    if (seen.has(enr.nodeId)) continue;
    seen.add(enr.nodeId);
    out.push(enr);
  }
  return out;
}
