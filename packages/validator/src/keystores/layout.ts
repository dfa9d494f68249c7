// Where keystores and their passwords live on disk. Read: every *.json in --keystoresDir and in its
// subfolders one level down (the deposit CLI writes flat files; the other clients a folder per key,
// `0x<pubkey>/voting-keystore.json`), passwords in --secretsDir as one file per key named
// `0x<pubkey>`, or one --passwordFile for all. Written (by import): the folder-per-key layout.
import fs from "node:fs";
import path from "node:path";
import {Keystore} from "@chainsafe/bls-keystore";
import {KeystoreError, KeystoreErrorCode} from "./errors.js";
import {LOCK_SUFFIX} from "./lock.js";

export const KEYSTORE_FILE_NAME = "voting-keystore.json";

export interface KeystoreFile {
  path: string;
  /** The file's JSON text, as handed to the decrypt workers. */
  text: string;
  keystore: Keystore;
  /** 0x-prefixed lowercase hex of the keystore's pubkey field. */
  pubkey: string;
}

export type PasswordSource = {secretsDir: string} | {passwordFile: string};

/** Keystore files under `dir`, sorted; throws NO_DIRECTORY when it cannot be read. */
export function findKeystoreFiles(dir: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, {withFileTypes: true});
  } catch (e) {
    throw new KeystoreError(KeystoreErrorCode.NO_DIRECTORY, {dir, reason: (e as Error).message});
  }
  const isKeystoreName = (name: string): boolean => name.endsWith(".json") && !name.startsWith(".") && !name.endsWith(LOCK_SUFFIX);
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && isKeystoreName(entry.name)) files.push(full);
    else if (entry.isDirectory() && !entry.name.startsWith(".")) {
      for (const inner of fs.readdirSync(full, {withFileTypes: true})) {
        if (inner.isFile() && isKeystoreName(inner.name)) files.push(path.join(full, inner.name));
      }
    }
  }
  return files.sort();
}

export function normalizePubkeyHex(pubkey: string): string {
  const hex = pubkey.toLowerCase().replace(/^0x/, "");
  return `0x${hex}`;
}

/** Parses one keystore JSON text; a malformed one is an INVALID_KEYSTORE naming `source`. */
export function parseKeystore(text: string, source: string): {keystore: Keystore; pubkey: string} {
  let keystore: Keystore;
  try {
    keystore = Keystore.parse(text);
  } catch (e) {
    throw new KeystoreError(KeystoreErrorCode.INVALID_KEYSTORE, {file: source, reason: (e as Error).message.slice(0, 300)});
  }
  if (!/^(0x)?[0-9a-fA-F]{96}$/.test(keystore.pubkey)) {
    throw new KeystoreError(KeystoreErrorCode.INVALID_KEYSTORE, {file: source, reason: "pubkey is not 48 bytes of hex"});
  }
  return {keystore, pubkey: normalizePubkeyHex(keystore.pubkey)};
}

export function readKeystoreFile(file: string): KeystoreFile {
  const text = fs.readFileSync(file, "utf8");
  return {path: file, text, ...parseKeystore(text, file)};
}

/** A password file's content without its trailing line break (editors add one). */
export function readPasswordFile(file: string): string {
  const password = fs.readFileSync(file, "utf8").replace(/\r?\n$/, "");
  if (password.length === 0) throw new KeystoreError(KeystoreErrorCode.NO_PASSWORD, {file, reason: "empty password file"});
  return password;
}

/** The password of the keystore of `pubkey` (0x hex). */
export function passwordFor(pubkey: string, source: PasswordSource): string {
  if ("passwordFile" in source) return readPasswordFile(source.passwordFile);
  for (const name of [pubkey, pubkey.slice(2)]) {
    const file = path.join(source.secretsDir, name);
    if (fs.existsSync(file)) return readPasswordFile(file);
  }
  throw new KeystoreError(KeystoreErrorCode.NO_PASSWORD, {pubkey, secretsDir: source.secretsDir, reason: `no file ${pubkey} in the secrets directory`});
}

/** Writes `data` to `file` by a rename, so that a crash never leaves half a keystore or password. */
function writeFileAtomic(file: string, data: string, mode: number): void {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, data, {mode});
  fs.renameSync(tmp, file);
}

export function keystorePathOf(keystoresDir: string, pubkey: string): string {
  return path.join(keystoresDir, normalizePubkeyHex(pubkey), KEYSTORE_FILE_NAME);
}

/** Puts a keystore and its password into the folder-per-key layout; returns the keystore's path. */
export function writeKeystore(dirs: {keystoresDir: string; secretsDir: string}, keystoreText: string, pubkey: string, password: string): string {
  const file = keystorePathOf(dirs.keystoresDir, pubkey);
  fs.mkdirSync(path.dirname(file), {recursive: true, mode: 0o700});
  fs.mkdirSync(dirs.secretsDir, {recursive: true, mode: 0o700});
  // the password first: a keystore without its password would fail the next start
  writeFileAtomic(path.join(dirs.secretsDir, normalizePubkeyHex(pubkey)), password, 0o600);
  writeFileAtomic(file, keystoreText, 0o600);
  return file;
}

/** Removes a key's keystore folder (or file) and password file; true if there was a keystore. */
export function removeKeystore(dirs: {keystoresDir: string; secretsDir: string}, keystorePath: string, pubkey: string): boolean {
  const existed = fs.existsSync(keystorePath);
  const folder = path.dirname(keystorePath);
  if (path.basename(keystorePath) === KEYSTORE_FILE_NAME && path.resolve(path.dirname(folder)) === path.resolve(dirs.keystoresDir)) {
    fs.rmSync(folder, {recursive: true, force: true});
  } else {
    fs.rmSync(keystorePath, {force: true});
  }
  fs.rmSync(path.join(dirs.secretsDir, normalizePubkeyHex(pubkey)), {force: true});
  return existed;
}

/** The default layout inside a data directory. */
export function dataDirLayout(dataDir: string): {keystoresDir: string; secretsDir: string} {
  return {keystoresDir: path.join(dataDir, "keystores"), secretsDir: path.join(dataDir, "secrets")};
}
