import {strict as assert} from "node:assert";
import {privateKeyFromRaw} from "@libp2p/crypto/keys";
import {peerIdFromPrivateKey} from "@libp2p/peer-id";
import {NUMBER_OF_COLUMNS} from "@hearth/params";
import {computeColumnsForCustodyGroup, getCustodyGroups} from "@hearth/network";
import {devChainConfig} from "../../../src/node/devGenesis.js";
import {nodeIdFromPeerId} from "../../../src/node/nodeId.js";
import {PeerCustody} from "../../../src/node/peerCustody.js";

const hexToBytes = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, "hex"));

// EIP-778's example record: this private key's node id is a448f24c…17f7.
const EIP778_KEY = "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291";
const EIP778_NODE_ID = 0xa448f24c6d18e575453db13171562b71999873db5b286df957af199ec94617f7n;

function peerOf(keyHex: string): string {
  return peerIdFromPrivateKey(privateKeyFromRaw(hexToBytes(keyHex)) as never).toString();
}

describe("node: node ids and peers' custody", () => {
  const config = devChainConfig({preset: "minimal", forkEpochs: {}});

  it("nodeIdFromPeerId: keccak of the uncompressed secp256k1 key (EIP-778 example)", () => {
    assert.equal(nodeIdFromPeerId(peerOf(EIP778_KEY)), EIP778_NODE_ID);
  });

  it("columnsOf: the peer's custody columns from its node id and metadata cgc", () => {
    const custody = new PeerCustody(config);
    const peerId = peerOf(EIP778_KEY);
    const expected = getCustodyGroups(EIP778_NODE_ID, config.CUSTODY_REQUIREMENT).flatMap(computeColumnsForCustodyGroup);
    // no metadata yet: CUSTODY_REQUIREMENT
    assert.deepEqual([...custody.columnsOf({peerId, metadata: null})].sort((a, b) => a - b), expected.sort((a, b) => a - b));
    const all = custody.columnsOf({peerId, metadata: {custodyGroupCount: 128} as never});
    assert.equal(all.size, NUMBER_OF_COLUMNS);
    // a cgc out of range is not believed
    assert.equal(custody.columnsOf({peerId, metadata: {custodyGroupCount: 500} as never}).size, expected.length);
  });

  it("assign: the supernode takes what it covers; columns nobody custodies are reported", () => {
    const custody = new PeerCustody(config);
    const small = {peerId: peerOf("11".repeat(32)), metadata: null};
    const smallCols = [...custody.columnsOf(small)];
    const other = Array.from({length: NUMBER_OF_COLUMNS}, (_, i) => i).find((c) => !smallCols.includes(c))!;
    let out = custody.assign([small], [smallCols[0], other]);
    assert.deepEqual([...out.byPeer.entries()], [[small.peerId, [smallCols[0]]]]);
    assert.deepEqual(out.uncovered, [other]);
    const superPeer = {peerId: peerOf("22".repeat(32)), metadata: {custodyGroupCount: 128} as never};
    out = custody.assign([small, superPeer], [smallCols[0], other]);
    assert.deepEqual([...out.byPeer.entries()], [[superPeer.peerId, [smallCols[0], other].sort((a, b) => a - b)]]);
    assert.deepEqual(out.uncovered, []);
  });

  it("assignOrAskUnknown: columns no known custodian has go to a peer whose metadata has not arrived", () => {
    const custody = new PeerCustody(config);
    const known = {peerId: peerOf("11".repeat(32)), metadata: {custodyGroupCount: 4} as never};
    const unknown = {peerId: peerOf("22".repeat(32)), metadata: null};
    const knownCols = [...custody.columnsOf(known)];
    const unknownCols = [...custody.columnsOf(unknown)];
    const neither = Array.from({length: NUMBER_OF_COLUMNS}, (_, i) => i).find((c) => !knownCols.includes(c) && !unknownCols.includes(c))!;
    let out = custody.assignOrAskUnknown([known, unknown], [knownCols[0], unknownCols[0], neither]);
    assert.deepEqual(out.byPeer.get(known.peerId), [knownCols[0]]);
    // its assumed CUSTODY_REQUIREMENT column, and the one nobody is known to have
    assert.deepEqual(out.byPeer.get(unknown.peerId), [unknownCols[0], neither].sort((a, b) => a - b));
    assert.deepEqual(out.uncovered, []);
    // with every peer's metadata known, what nobody custodies stays uncovered
    out = custody.assignOrAskUnknown([known], [knownCols[0], neither]);
    assert.deepEqual([...out.byPeer.entries()], [[known.peerId, [knownCols[0]]]]);
    assert.deepEqual(out.uncovered, [neither]);
  });
});
