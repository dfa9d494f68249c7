// The node's libp2p identity, kept in <dataDir>/peer-id.json so that the node keeps its peer id and
// ENR node id across restarts (peers and bootnodes remember us by it).
import fs from "node:fs";
import path from "node:path";
import {generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf, publicKeyToProtobuf} from "@libp2p/crypto/keys";
import {peerIdFromPrivateKey} from "@libp2p/peer-id";
import type {PrivateKey} from "@libp2p/interface";
import {NetworkError, NetworkErrorCode} from "./errors.js";

export const PEER_ID_FILE = "peer-id.json";

/** On-disk form: the peer id as text (for humans) and the libp2p protobuf keys, base64. */
interface PeerIdJson {
  id: string;
  privKey: string;
  pubKey: string;
}

/**
 * Load the private key from <dataDir>/peer-id.json, or create a secp256k1 key there on first start
 * (secp256k1 because the ENR's v4 identity scheme needs it: node id and peer id share one key).
 * A file that exists but does not parse is an error, never silently replaced: that would change the
 * node's identity.
 */
export async function loadOrCreatePrivateKey(dataDir: string): Promise<PrivateKey> {
  const file = path.join(dataDir, PEER_ID_FILE);
  if (fs.existsSync(file)) return readPrivateKey(file);
  // @libp2p/crypto carries its own (newer) @libp2p/interface typings; the key objects are the same.
  const privateKey = (await generateKeyPair("secp256k1")) as unknown as PrivateKey;
  writePrivateKey(file, privateKey);
  return privateKey;
}

export function readPrivateKey(file: string): PrivateKey {
  let json: PeerIdJson;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8")) as PeerIdJson;
  } catch (e) {
    throw new NetworkError(NetworkErrorCode.PEER_ID_FILE_INVALID, `${file} is not valid JSON: ${(e as Error).message}`, {file});
  }
  if (typeof json !== "object" || json === null || typeof json.privKey !== "string") {
    throw new NetworkError(NetworkErrorCode.PEER_ID_FILE_INVALID, `${file} has no privKey`, {file});
  }
  let privateKey: PrivateKey;
  try {
    privateKey = privateKeyFromProtobuf(Buffer.from(json.privKey, "base64")) as unknown as PrivateKey;
  } catch (e) {
    throw new NetworkError(NetworkErrorCode.PEER_ID_FILE_INVALID, `${file} privKey does not decode: ${(e as Error).message}`, {file});
  }
  if (privateKey.type !== "secp256k1") {
    throw new NetworkError(NetworkErrorCode.PEER_ID_FILE_INVALID, `${file} holds a ${privateKey.type} key, the ENR needs secp256k1`, {file});
  }
  const id = peerIdFromPrivateKey(privateKey).toString();
  if (typeof json.id === "string" && json.id !== id) {
    throw new NetworkError(NetworkErrorCode.PEER_ID_FILE_INVALID, `${file} id ${json.id} does not match its key (${id})`, {file});
  }
  return privateKey;
}

export function writePrivateKey(file: string, privateKey: PrivateKey): void {
  const json: PeerIdJson = {
    id: peerIdFromPrivateKey(privateKey).toString(),
    privKey: Buffer.from(privateKeyToProtobuf(privateKey as never)).toString("base64"),
    pubKey: Buffer.from(publicKeyToProtobuf(privateKey.publicKey as never)).toString("base64"),
  };
  fs.mkdirSync(path.dirname(file), {recursive: true});
  // Write then rename so a crash mid-write never leaves a half file that would block the next start.
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(json, null, 2) + "\n", {mode: 0o600});
  fs.renameSync(tmp, file);
}
