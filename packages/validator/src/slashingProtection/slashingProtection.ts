// Slashing protection (EIP-3076) in a classic-level database of its own. Every block and
// attestation a key signs is checked here and its new watermark written with a synchronous
// (fsync'ed) write before the caller may sign: a crash at any point can lose a duty, never
// release a second, conflicting message. LevelDB's LOCK file keeps a second process out.
import {join} from "node:path";
import {ClassicLevel} from "classic-level";
import {bytesEqual, fromHex, toHex} from "@hearth/config";
import {noopLogger, type Logger} from "@hearth/api";
import {checkAttestation, checkBlockProposal, mergeAttestationRecord, mergeBlockRecord} from "./checks.js";
import {SlashingProtectionError, SlashingProtectionErrorCode} from "./errors.js";
import {INTERCHANGE_FORMAT_VERSION, parseInterchange, type Interchange, type InterchangeRecord} from "./interchange.js";
import {KeyedMutex} from "./keyedMutex.js";
import {
  decodeAttestationRecord,
  decodeBlockRecord,
  encodeAttestationRecord,
  encodeBlockRecord,
  type AttestationRecord,
  type BlockRecord,
} from "./records.js";

export const SLASHING_PROTECTION_DB_DIR_NAME = "slashing-protection";
const PUBKEY_LENGTH = 48;
const PREFIX_BLOCK = 0x62; // "b" + pubkey → BlockRecord
const PREFIX_ATTESTATION = 0x61; // "a" + pubkey → AttestationRecord
const KEY_GVR = new TextEncoder().encode("genesis_validators_root");
/** Every write that a signature depends on waits for the disk. */
const SYNC = {sync: true} as const;

export interface SlashingProtectionOptions {
  /** Directory of the database; created when missing. */
  dbDir: string;
  logger?: Logger;
}

export interface InterchangeImportResult {
  /** Keys whose watermarks the import set or raised. */
  keys: number;
  blocks: number;
  attestations: number;
}

function recordKey(prefix: number, pubkey: Uint8Array): Uint8Array {
  if (pubkey.length !== PUBKEY_LENGTH) throw new Error(`a validator pubkey has ${PUBKEY_LENGTH} bytes, got ${pubkey.length}`);
  const key = new Uint8Array(1 + PUBKEY_LENGTH);
  key[0] = prefix;
  key.set(pubkey, 1);
  return key;
}

export class SlashingProtection {
  private readonly mutex = new KeyedMutex();
  /** The database's chain once read or written; null until then or while the DB has none. */
  private gvr: Uint8Array | null = null;

  private constructor(
    private readonly db: ClassicLevel<Uint8Array, Uint8Array>,
    private readonly logger: Logger,
  ) {}

  static async open(opts: SlashingProtectionOptions): Promise<SlashingProtection> {
    const db = new ClassicLevel<Uint8Array, Uint8Array>(opts.dbDir, {keyEncoding: "view", valueEncoding: "view"});
    try {
      await db.open();
    } catch (e) {
      const cause = (e as {cause?: Error}).cause?.message ?? (e as Error).message;
      throw new SlashingProtectionError(SlashingProtectionErrorCode.DB_OPEN_FAILED, {dbDir: opts.dbDir, reason: cause});
    }
    const protection = new SlashingProtection(db, opts.logger ?? noopLogger);
    const stored = await db.get(KEY_GVR);
    if (stored !== undefined) protection.gvr = Uint8Array.from(stored);
    return protection;
  }

  async close(): Promise<void> {
    // waits for every key's pending work so no write is cut off
    await this.mutex.runExclusive([...(await this.pubkeyHexes())], async () => {});
    await this.db.close();
  }

  /** The chain this database protects, or null if nothing was signed or imported yet. */
  get genesisValidatorsRoot(): Uint8Array | null {
    return this.gvr;
  }

  /**
   * Binds the database to the chain of `genesisValidatorsRoot` on first use, and refuses another
   * chain after that: watermarks of one network say nothing about another.
   */
  async checkGenesisValidatorsRoot(genesisValidatorsRoot: Uint8Array): Promise<void> {
    if (this.gvr === null) {
      await this.mutex.runExclusive(["gvr"], async () => {
        if (this.gvr !== null) return;
        await this.db.put(KEY_GVR, genesisValidatorsRoot, SYNC);
        this.gvr = genesisValidatorsRoot.slice();
      });
    }
    if (!bytesEqual(this.gvr as Uint8Array, genesisValidatorsRoot)) {
      throw new SlashingProtectionError(SlashingProtectionErrorCode.GENESIS_VALIDATORS_ROOT_MISMATCH, {
        database: toHex(this.gvr as Uint8Array),
        given: toHex(genesisValidatorsRoot),
      });
    }
  }

  /**
   * Checks a block proposal of `pubkey` at `slot` and records it durably; resolves when it may be
   * signed, throws a SlashingProtectionError when it must not be.
   */
  async checkAndInsertBlockProposal(genesisValidatorsRoot: Uint8Array, pubkey: Uint8Array, slot: number, signingRoot: Uint8Array): Promise<void> {
    await this.checkGenesisValidatorsRoot(genesisValidatorsRoot);
    const key = recordKey(PREFIX_BLOCK, pubkey);
    await this.mutex.runExclusive([toHex(pubkey)], async () => {
      const latest = await this.readBlock(key);
      const result = checkBlockProposal(latest, slot, signingRoot);
      if (result.kind === "new") await this.db.put(key, encodeBlockRecord(result.record), SYNC);
    });
  }

  /** As checkAndInsertBlockProposal, for an attestation with the given source and target epochs. */
  async checkAndInsertAttestation(
    genesisValidatorsRoot: Uint8Array,
    pubkey: Uint8Array,
    sourceEpoch: number,
    targetEpoch: number,
    signingRoot: Uint8Array,
  ): Promise<void> {
    await this.checkGenesisValidatorsRoot(genesisValidatorsRoot);
    const key = recordKey(PREFIX_ATTESTATION, pubkey);
    await this.mutex.runExclusive([toHex(pubkey)], async () => {
      const latest = await this.readAttestation(key);
      const result = checkAttestation(latest, sourceEpoch, targetEpoch, signingRoot);
      if (result.kind === "new") await this.db.put(key, encodeAttestationRecord(result.record), SYNC);
    });
  }

  /**
   * Imports an EIP-3076 v5 interchange: each key's watermarks rise to the highest slot, source and
   * target the file holds (minification). All or nothing: a bad file or another chain's file
   * changes no record. The file's own slashable pairs need no rejection, the watermarks cover them.
   */
  async importInterchange(json: unknown): Promise<InterchangeImportResult> {
    const parsed = parseInterchange(json);
    await this.checkGenesisValidatorsRoot(parsed.genesisValidatorsRoot);
    const records = [...parsed.records.values()];
    return this.mutex.runExclusive([...parsed.records.keys()], async () => {
      const batch = this.db.batch();
      const result: InterchangeImportResult = {keys: 0, blocks: 0, attestations: 0};
      for (const r of records) {
        if (r.maxSlot !== null) {
          const key = recordKey(PREFIX_BLOCK, r.pubkey);
          batch.put(key, encodeBlockRecord(mergeBlockRecord(await this.readBlock(key), r.maxSlot)));
        }
        if (r.maxSourceEpoch !== null && r.maxTargetEpoch !== null) {
          const key = recordKey(PREFIX_ATTESTATION, r.pubkey);
          batch.put(key, encodeAttestationRecord(mergeAttestationRecord(await this.readAttestation(key), r.maxSourceEpoch, r.maxTargetEpoch)));
        }
        result.keys++;
        result.blocks += r.blocks;
        result.attestations += r.attestations;
      }
      await batch.write(SYNC);
      this.logger.info("Slashing protection imported", {...result, genesisValidatorsRoot: toHex(parsed.genesisValidatorsRoot)});
      return result;
    });
  }

  /**
   * The database as an EIP-3076 v5 interchange: per key its watermarks, as one block and one
   * attestation (the minified form the EIP describes), for `pubkeys` or every key.
   */
  async exportInterchange(pubkeys?: readonly Uint8Array[]): Promise<Interchange> {
    if (this.gvr === null) throw new SlashingProtectionError(SlashingProtectionErrorCode.NO_GENESIS_VALIDATORS_ROOT);
    const hexes = pubkeys === undefined ? [...(await this.pubkeyHexes())].sort() : [...new Set(pubkeys.map((p) => toHex(p)))];
    return this.mutex.runExclusive(hexes, async () => {
      const data: InterchangeRecord[] = [];
      for (const hex of hexes) {
        const pubkey = fromHex(hex);
        const block = await this.readBlock(recordKey(PREFIX_BLOCK, pubkey));
        const att = await this.readAttestation(recordKey(PREFIX_ATTESTATION, pubkey));
        data.push({
          pubkey: hex,
          signed_blocks: block === null ? [] : [{slot: String(block.slot), ...rootField(block.signingRoot)}],
          signed_attestations:
            att === null ? [] : [{source_epoch: String(att.sourceEpoch), target_epoch: String(att.targetEpoch), ...rootField(att.signingRoot)}],
        });
      }
      return {
        metadata: {interchange_format_version: INTERCHANGE_FORMAT_VERSION, genesis_validators_root: toHex(this.gvr as Uint8Array)},
        data,
      };
    });
  }

  /** Latest block record of `pubkey` (its watermark), for status and tests. */
  getBlockRecord(pubkey: Uint8Array): Promise<BlockRecord | null> {
    return this.readBlock(recordKey(PREFIX_BLOCK, pubkey));
  }

  getAttestationRecord(pubkey: Uint8Array): Promise<AttestationRecord | null> {
    return this.readAttestation(recordKey(PREFIX_ATTESTATION, pubkey));
  }

  private async readBlock(key: Uint8Array): Promise<BlockRecord | null> {
    const bytes = await this.db.get(key);
    return bytes === undefined ? null : decodeBlockRecord(bytes);
  }

  private async readAttestation(key: Uint8Array): Promise<AttestationRecord | null> {
    const bytes = await this.db.get(key);
    return bytes === undefined ? null : decodeAttestationRecord(bytes);
  }

  /** Every key with a record, as 0x-hex. */
  private async pubkeyHexes(): Promise<Set<string>> {
    const out = new Set<string>();
    for (const prefix of [PREFIX_BLOCK, PREFIX_ATTESTATION]) {
      const gte = Uint8Array.of(prefix);
      const lt = Uint8Array.of(prefix + 1);
      for await (const key of this.db.keys({gte, lt})) {
        if (key.length === 1 + PUBKEY_LENGTH) out.add(toHex(key.subarray(1)));
      }
    }
    return out;
  }
}

function rootField(root: Uint8Array | null): {signing_root?: string} {
  return root === null ? {} : {signing_root: toHex(root)};
}

/** Where a validator data directory keeps its slashing protection database. */
export function slashingProtectionDbDir(dataDir: string): string {
  return join(dataDir, SLASHING_PROTECTION_DB_DIR_NAME);
}
