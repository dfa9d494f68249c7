// Start-up: every keystore of a directory, locked, then decrypted in parallel, each secret checked
// against the keystore's pubkey. Any failure releases the locks taken and stops the start: running
// with fewer keys than the operator configured must be a decision, not a surprise.
import {noopLogger, type Logger} from "@hearth/api";
import {SecretKey} from "@hearth/bls";
import {toHex} from "@hearth/config";
import {decryptKeystores, type DecryptOptions} from "./decryptPool.js";
import {KeystoreError, KeystoreErrorCode} from "./errors.js";
import {findKeystoreFiles, passwordFor, readKeystoreFile, type KeystoreFile, type PasswordSource} from "./layout.js";
import {lockKeystore, type KeystoreLock} from "./lock.js";

export interface LoadedKeystore {
  /** 0x hex */
  pubkey: string;
  secretKey: SecretKey;
  path: string;
  /** EIP-2334 derivation path from the keystore, "" when absent. */
  derivationPath: string;
  lock: KeystoreLock;
}

export interface LoadKeystoresOptions extends Pick<DecryptOptions, "threads" | "progressIntervalMs"> {
  keystoresDir: string;
  passwords: PasswordSource;
  logger?: Logger;
}

/** The secret key of a decrypted keystore, refused when it does not belong to the keystore's pubkey. */
export function secretKeyOf(file: Pick<KeystoreFile, "path" | "pubkey">, secret: Uint8Array): SecretKey {
  let secretKey: SecretKey;
  try {
    secretKey = SecretKey.fromBytes(secret);
  } catch (e) {
    throw new KeystoreError(KeystoreErrorCode.INVALID_KEYSTORE, {file: file.path, reason: `secret is not a BLS key: ${(e as Error).message}`});
  }
  const derived = toHex(secretKey.toPublicKey().toBytes());
  if (derived !== file.pubkey) throw new KeystoreError(KeystoreErrorCode.INVALID_KEYSTORE, {file: file.path, reason: `secret belongs to ${derived}, not ${file.pubkey}`});
  return secretKey;
}

export async function loadKeystores(opts: LoadKeystoresOptions): Promise<LoadedKeystore[]> {
  const logger = opts.logger ?? noopLogger;
  const files = findKeystoreFiles(opts.keystoresDir).map(readKeystoreFile);
  const seen = new Map<string, string>();
  for (const f of files) {
    const other = seen.get(f.pubkey);
    if (other !== undefined) throw new KeystoreError(KeystoreErrorCode.DUPLICATE_KEY, {pubkey: f.pubkey, first: other, second: f.path});
    seen.set(f.pubkey, f.path);
  }
  const passwords = files.map((f) => passwordFor(f.pubkey, opts.passwords));
  const locks: KeystoreLock[] = [];
  try {
    for (const f of files) locks.push(lockKeystore(f.path, logger));
    const results = await decryptKeystores(
      files.map((f, i) => ({keystore: f.text, password: passwords[i]})),
      {threads: opts.threads, logger, progressIntervalMs: opts.progressIntervalMs},
    );
    return files.map((f, i) => {
      const result = results[i];
      if ("error" in result) throw new KeystoreError(KeystoreErrorCode.WRONG_PASSWORD, {file: f.path, reason: result.error});
      return {pubkey: f.pubkey, secretKey: secretKeyOf(f, result.secret), path: f.path, derivationPath: f.keystore.path, lock: locks[i]};
    });
  } catch (e) {
    for (const lock of locks) lock.release();
    throw e;
  }
}

/** Decrypts one keystore off the main thread; throws WRONG_PASSWORD or INVALID_KEYSTORE. */
export async function decryptKeystoreFile(file: Pick<KeystoreFile, "path" | "pubkey" | "text">, password: string): Promise<SecretKey> {
  const [result] = await decryptKeystores([{keystore: file.text, password}], {threads: 1});
  if ("error" in result) throw new KeystoreError(KeystoreErrorCode.WRONG_PASSWORD, {file: file.path, reason: result.error});
  return secretKeyOf(file, result.secret);
}
