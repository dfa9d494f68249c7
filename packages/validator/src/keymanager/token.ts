// The keymanager's bearer token: 256 random bits, hex, written at first start into a file only
// the owner can read and reused on every later start (keymanager-oapi.yaml, info).
import {randomBytes} from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const API_TOKEN_FILE_NAME = "api-token.txt";

/**
 * Reads the token of `file`, or creates it; a file holding something else than ≥ 256-bit hex is an
 * error. A token file others may read (copied, or made by hand) is narrowed to 0600 (`tightened`).
 */
export function loadOrCreateApiToken(file: string): {token: string; created: boolean; tightened: boolean} {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), {recursive: true});
    const token = randomBytes(32).toString("hex");
    try {
      fs.writeFileSync(file, token, {mode: 0o600, flag: "wx"});
      return {token, created: true, tightened: false};
    } catch (e) {
      // another process made it between the check and the write: use theirs
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  const token = fs.readFileSync(file, "utf8").trim();
  if (!/^[0-9a-fA-F]{64,}$/.test(token)) throw new Error(`keymanager token file ${file} must hold at least 256 bits of hex`);
  const tightened = (fs.statSync(file).mode & 0o077) !== 0;
  if (tightened) fs.chmodSync(file, 0o600);
  return {token, created: false, tightened};
}
