// The discv5 node id of a libp2p peer (phase0 p2p-interface.md "ENR structure" / discv5 "v4" identity
// scheme): keccak256 of the uncompressed secp256k1 public key, read as a uint256. fulu custody groups
// (get_custody_groups) are drawn from it, for this node and for its peers alike.
import {getV4Crypto} from "@chainsafe/enr";
import {peerIdFromString} from "@libp2p/peer-id";
type PeerId = ReturnType<typeof peerIdFromString>;

export class NodeIdError extends Error {
  constructor(readonly peerId: string, reason: string) {
    super(`no node id for peer ${peerId}: ${reason}`);
  }
}

/** The node id of a secp256k1 peer id; a NodeIdError for any other key type (no eth2 node uses one). */
export function nodeIdFromPeerId(peer: string | PeerId): bigint {
  const peerId = typeof peer === "string" ? peerIdFromString(peer) : peer;
  const key = peerId.publicKey;
  if (key === undefined || peerId.type !== "secp256k1") throw new NodeIdError(peerId.toString(), `key type ${peerId.type} is not secp256k1`);
  return BigInt("0x" + getV4Crypto().nodeId(key.raw));
}
