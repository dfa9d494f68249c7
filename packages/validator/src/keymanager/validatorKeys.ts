// The keys this validator client holds, local (EIP-2335 keystores) and remote (a Web3Signer URL),
// as one registry that the start-up loader, the keymanager API and the ValidatorClient share.
// Every signer made here checks that its key is still held before each signature, so a deleted
// key cannot sign even from a duty fetched before the delete, and then passes the signing guards
// (slashing and doppelganger protection): no key of this registry signs unprotected.
import fs from "node:fs";
import {noopLogger, type Logger} from "@hearth/api";
import type {SecretKey} from "@hearth/bls";
import {fromHex, type BeaconConfig} from "@hearth/config";
import {RequestSigner, type Signer, type SignFn} from "../signer/signer.js";
import {guardSignFn, type SigningGuards} from "../signer/guarded.js";
import {createWeb3SignerSignFn} from "../signer/web3signer.js";
import {ValidatorError, ValidatorErrorCode} from "../errors.js";
import {KeystoreError, KeystoreErrorCode} from "../keystores/errors.js";
import {keystorePathOf, normalizePubkeyHex, parseKeystore, removeKeystore, writeKeystore} from "../keystores/layout.js";
import {decryptKeystoreFile, type LoadedKeystore} from "../keystores/load.js";
import {lockKeystore, type KeystoreLock} from "../keystores/lock.js";

interface LocalKey {
  kind: "local";
  pubkey: string;
  secretKey: SecretKey;
  derivationPath: string;
  path: string | null;
  lock: KeystoreLock | null;
  /** Keys given on the command line from outside the data directory: the API may not delete them. */
  readonly: boolean;
}
interface RemoteKey {
  kind: "remote";
  pubkey: string;
  url: string;
  readonly: boolean;
}
type Key = LocalKey | RemoteKey;

/** What the registry needs of the running client: where to add and drop signers. */
export interface SignerHost {
  readonly config: BeaconConfig | null;
  addSigner(signer: Signer): boolean;
  removeSigner(pubkey: Uint8Array): boolean;
}

export interface ValidatorKeysOptions {
  /** Where imported keystores and their passwords are written. */
  dirs: {keystoresDir: string; secretsDir: string};
  /** Remote keys imported through the API are kept here; null keeps them in memory. */
  remoteKeysFile: string | null;
  /** Slashing (and doppelganger) protection, in front of every key's signatures. */
  guards: SigningGuards;
  /** Told of every signer made, before it signs (doppelganger protection starts watching its key). */
  onSigner?: (config: BeaconConfig, pubkey: Uint8Array) => void;
  /** Makes the signatures of a remote key (default: Web3Signer at the key's URL). */
  remoteSignFn?: (config: BeaconConfig, url: string) => SignFn;
  logger?: Logger;
}

export type ImportStatus = {status: "imported" | "duplicate"} | {status: "error"; message: string};
export type DeleteStatus = {status: "deleted" | "not_active" | "not_found"} | {status: "error"; message: string};

export class ValidatorKeys {
  private readonly keys = new Map<string, Key>();
  private host: SignerHost | null = null;
  private readonly logger: Logger;

  constructor(private readonly opts: ValidatorKeysOptions) {
    this.logger = opts.logger ?? noopLogger;
    if (opts.remoteKeysFile !== null && fs.existsSync(opts.remoteKeysFile)) {
      for (const r of readRemoteKeysFile(opts.remoteKeysFile)) this.keys.set(r.pubkey, {kind: "remote", pubkey: r.pubkey, url: r.url, readonly: false});
    }
  }

  addLoaded(loaded: LoadedKeystore, opts: {readonly: boolean}): void {
    if (this.keys.has(loaded.pubkey)) throw new KeystoreError(KeystoreErrorCode.DUPLICATE_KEY, {pubkey: loaded.pubkey});
    this.keys.set(loaded.pubkey, {kind: "local", ...loaded, readonly: opts.readonly});
  }

  /** A remote key given at start (--externalSigner.url): listed readonly, not saved. */
  addRemote(pubkey: string, url: string): void {
    const key = normalizePubkeyHex(pubkey);
    if (!this.keys.has(key)) this.keys.set(key, {kind: "remote", pubkey: key, url, readonly: true});
  }

  has(pubkey: string): boolean {
    return this.keys.has(normalizePubkeyHex(pubkey));
  }

  get size(): number {
    return this.keys.size;
  }

  localKeys(): {pubkey: string; derivationPath: string; readonly: boolean}[] {
    return [...this.keys.values()].filter((k): k is LocalKey => k.kind === "local").map((k) => ({pubkey: k.pubkey, derivationPath: k.derivationPath, readonly: k.readonly}));
  }

  remoteKeys(): {pubkey: string; url: string; readonly: boolean}[] {
    return [...this.keys.values()].filter((k): k is RemoteKey => k.kind === "remote").map((k) => ({pubkey: k.pubkey, url: k.url, readonly: k.readonly}));
  }

  /** The secret key of a local key, for messages outside the duties (a voluntary exit). */
  secretKeyOf(pubkey: string): SecretKey | null {
    const key = this.keys.get(normalizePubkeyHex(pubkey));
    return key?.kind === "local" ? key.secretKey : null;
  }

  /** Signers of every key, for ValidatorClient's createSigners; later changes go to `host`. */
  signers(config: BeaconConfig): Signer[] {
    const out: Signer[] = [];
    for (const key of this.keys.values()) {
      try {
        out.push(this.signerOf(config, key));
      } catch (e) {
        this.logger.error("No signer for key", {pubkey: key.pubkey, error: (e as Error).message});
      }
    }
    return out;
  }

  /** From now on imports and deletes reach the running client. */
  attach(host: SignerHost): void {
    this.host = host;
  }

  private signerOf(config: BeaconConfig, key: Key): Signer {
    const pubkey = fromHex(key.pubkey);
    const sign: SignFn =
      key.kind === "local"
        ? async (request) => key.secretKey.sign(request.signingRoot).toBytes()
        : (this.opts.remoteSignFn ?? ((c, url) => createWeb3SignerSignFn(c, {url})))(config, key.url);
    const guarded = guardSignFn(sign, config, this.opts.guards);
    // a deleted key is refused before its request reaches the slashing protection database
    const held: SignFn = (request) =>
      this.keys.get(key.pubkey) === key ? guarded(request) : Promise.reject(new ValidatorError(ValidatorErrorCode.UNKNOWN_KEY, {pubkey: key.pubkey, reason: "deleted"}));
    this.opts.onSigner?.(config, pubkey);
    return new RequestSigner(pubkey, config, held);
  }

  private startSigning(key: Key): void {
    const config = this.host?.config ?? null;
    // before the client started, it takes every key through signers() at start
    if (this.host === null || config === null) return;
    this.host.addSigner(this.signerOf(config, key));
  }

  /** keymanager importKeystores, one keystore: decrypt (off the main thread), write, lock, sign. */
  async importKeystore(keystoreJson: unknown, password: string): Promise<ImportStatus> {
    try {
      const text = typeof keystoreJson === "string" ? keystoreJson : JSON.stringify(keystoreJson);
      const {keystore, pubkey} = parseKeystore(text, "request");
      if (this.keys.has(pubkey)) return {status: "duplicate"};
      const secretKey = await decryptKeystoreFile({path: "request", pubkey, text}, password);
      if (this.keys.has(pubkey)) return {status: "duplicate"};
      const file = writeKeystore(this.opts.dirs, text, pubkey, password);
      const lock = lockKeystore(file, this.logger);
      const key: LocalKey = {kind: "local", pubkey, secretKey, derivationPath: keystore.path, path: file, lock, readonly: false};
      this.keys.set(pubkey, key);
      this.startSigning(key);
      this.logger.info("Keystore imported through the keymanager API", {pubkey});
      return {status: "imported"};
    } catch (e) {
      return {status: "error", message: (e as Error).message};
    }
  }

  /**
   * keymanager deleteKeys, one key. The key stops signing first (it leaves the registry, which its
   * guarded signer checks, and the client's store), then its files go.
   */
  deleteLocal(pubkeyHex: string, hasProtectionData: boolean): DeleteStatus {
    const pubkey = normalizePubkeyHex(pubkeyHex);
    const key = this.keys.get(pubkey);
    if (key === undefined || key.kind !== "local") {
      // a key deleted before (or never held) whose slashing history we still keep
      if (key === undefined && hasProtectionData) return {status: "not_active"};
      return {status: "not_found"};
    }
    if (key.readonly) return {status: "error", message: "key was given on the command line and cannot be deleted through the API"};
    this.keys.delete(pubkey);
    this.host?.removeSigner(fromHex(pubkey));
    try {
      key.lock?.release();
      if (key.path !== null) removeKeystore(this.opts.dirs, key.path, pubkey);
      else removeKeystore(this.opts.dirs, keystorePathOf(this.opts.dirs.keystoresDir, pubkey), pubkey);
    } catch (e) {
      // the key no longer signs; a file left behind is reported but the status is still "deleted"
      this.logger.error("Deleted key's files could not be removed", {pubkey, error: (e as Error).message});
    }
    this.logger.info("Key deleted through the keymanager API", {pubkey});
    return {status: "deleted"};
  }

  importRemote(pubkeyHex: string, url: string): ImportStatus {
    const pubkey = normalizePubkeyHex(pubkeyHex);
    if (this.keys.has(pubkey)) return {status: "duplicate"};
    const key: RemoteKey = {kind: "remote", pubkey, url, readonly: false};
    try {
      const config = this.host?.config ?? null;
      // made before it is registered, so a remote signer that cannot be made is an error status
      const signer = config !== null ? this.signerOf(config, key) : null;
      this.keys.set(pubkey, key);
      if (signer !== null) this.host?.addSigner(signer);
      this.saveRemote();
      return {status: "imported"};
    } catch (e) {
      this.keys.delete(pubkey);
      return {status: "error", message: (e as Error).message};
    }
  }

  deleteRemote(pubkeyHex: string): DeleteStatus {
    const pubkey = normalizePubkeyHex(pubkeyHex);
    const key = this.keys.get(pubkey);
    if (key === undefined || key.kind !== "remote") return {status: "not_found"};
    if (key.readonly) return {status: "error", message: "key was given on the command line and cannot be deleted through the API"};
    this.keys.delete(pubkey);
    this.host?.removeSigner(fromHex(pubkey));
    this.saveRemote();
    return {status: "deleted"};
  }

  /** Releases every keystore lock (at shutdown). */
  close(): void {
    for (const key of this.keys.values()) if (key.kind === "local") key.lock?.release();
  }

  private saveRemote(): void {
    const file = this.opts.remoteKeysFile;
    if (file === null) return;
    const saved = this.remoteKeys().filter((k) => !k.readonly).map(({pubkey, url}) => ({pubkey, url}));
    const tmp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify(saved, null, 2));
    fs.renameSync(tmp, file);
  }
}

/**
 * The remote keys saved by earlier imports. A damaged file stops the start with its name: going on
 * without those keys would leave their duties undone with no word why.
 */
function readRemoteKeysFile(file: string): {pubkey: string; url: string}[] {
  const damaged = (reason: string): Error => new Error(`remote keys file ${file} is damaged (${reason}): repair it, or remove it and import the remote keys again`);
  let saved: unknown;
  try {
    saved = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw damaged((e as Error).message);
  }
  if (!Array.isArray(saved)) throw damaged("not a JSON array");
  return saved.map((r: unknown, i) => {
    const {pubkey, url} = (typeof r === "object" && r !== null ? r : {}) as Record<string, unknown>;
    if (typeof pubkey !== "string" || !/^(0x)?[0-9a-fA-F]{96}$/.test(pubkey) || typeof url !== "string" || !URL.canParse(url)) {
      throw damaged(`entry ${i} is not {pubkey, url}`);
    }
    return {pubkey: normalizePubkeyHex(pubkey), url};
  });
}
