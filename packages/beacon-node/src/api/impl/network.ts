// What the node API needs from the network (peers, identity). The network package's host is wired
// in by the node; without one the node answers as a node with no peers and a placeholder identity.
import type {NetworkIdentity, Peer, PeerDirection, PeerState} from "@hearth/api";

export interface ApiNetwork {
  getIdentity(): NetworkIdentity | Promise<NetworkIdentity>;
  getPeers(filter: {states?: PeerState[]; directions?: PeerDirection[]}): Peer[] | Promise<Peer[]>;
  getPeer(peerId: string): Peer | null | Promise<Peer | null>;
}
