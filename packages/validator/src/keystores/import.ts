// `hearth validator import`: checks that the password opens each keystore, then copies keystore and
// password into the data directory's layout, where `hearth validator` finds them at the next start.
import fs from "node:fs";
import {noopLogger, type Logger} from "@hearth/api";
import {decryptKeystores} from "./decryptPool.js";
import {findKeystoreFiles, keystorePathOf, readKeystoreFile, writeKeystore} from "./layout.js";
import {secretKeyOf} from "./load.js";

export interface ImportResult {
  file: string;
  pubkey?: string;
  status: "imported" | "duplicate" | "error";
  message?: string;
}

/** Imports a keystore file, or every keystore of a folder, all opened by `password`. */
export async function importKeystoreFiles(opts: {
  source: string;
  password: string;
  dirs: {keystoresDir: string; secretsDir: string};
  logger?: Logger;
}): Promise<ImportResult[]> {
  const logger = opts.logger ?? noopLogger;
  const paths = fs.statSync(opts.source).isDirectory() ? findKeystoreFiles(opts.source) : [opts.source];
  const results: ImportResult[] = [];
  const files = [];
  for (const p of paths) {
    try {
      files.push(readKeystoreFile(p));
    } catch (e) {
      results.push({file: p, status: "error", message: (e as Error).message});
    }
  }
  const decrypted = await decryptKeystores(
    files.map((f) => ({keystore: f.text, password: opts.password})),
    {logger},
  );
  files.forEach((f, i) => {
    const res = decrypted[i];
    try {
      if ("error" in res) throw new Error(`cannot decrypt with this password: ${res.error}`);
      secretKeyOf(f, res.secret);
      if (fs.existsSync(keystorePathOf(opts.dirs.keystoresDir, f.pubkey))) {
        results.push({file: f.path, pubkey: f.pubkey, status: "duplicate"});
        return;
      }
      writeKeystore(opts.dirs, f.text, f.pubkey, opts.password);
      results.push({file: f.path, pubkey: f.pubkey, status: "imported"});
      logger.info("Keystore imported", {pubkey: f.pubkey, from: f.path});
    } catch (e) {
      results.push({file: f.path, pubkey: f.pubkey, status: "error", message: (e as Error).message});
    }
  });
  return results;
}
