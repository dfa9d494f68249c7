export {KeystoreError, KeystoreErrorCode} from "./errors.js";
export {lockKeystore, LOCK_SUFFIX, type KeystoreLock} from "./lock.js";
export {decryptKeystores, type DecryptJob, type DecryptOptions, type DecryptResult} from "./decryptPool.js";
export {
  KEYSTORE_FILE_NAME,
  dataDirLayout,
  findKeystoreFiles,
  keystorePathOf,
  normalizePubkeyHex,
  parseKeystore,
  passwordFor,
  readKeystoreFile,
  readPasswordFile,
  removeKeystore,
  writeKeystore,
  type KeystoreFile,
  type PasswordSource,
} from "./layout.js";
export {decryptKeystoreFile, loadKeystores, secretKeyOf, type LoadKeystoresOptions, type LoadedKeystore} from "./load.js";
export {importKeystoreFiles, type ImportResult as KeystoreImportResult} from "./import.js";
