// Fee recipient, gas limit and graffiti per key, set through the keymanager API and kept in one
// JSON file so they survive a restart. A key without its own value uses the process-wide default.
// The duties read them through asPreferences(), so a value set here is in the next epoch's
// prepare_beacon_proposer and register_validator and in the key's next block.
import fs from "node:fs";
import {noopLogger, type Logger} from "@hearth/api";
import {fromHex, toHex} from "@hearth/config";
import {graffitiBytes, type ProposerPreferences} from "../services/proposerPreferences.js";

export interface ProposerDefaults {
  /** 0x hex, 20 bytes; null: none given, the beacon node's default applies. */
  feeRecipient: string | null;
  gasLimit: number;
  graffiti: string;
}

interface KeySettings {
  feeRecipient?: string;
  gasLimit?: number;
  graffiti?: string;
}

export const ZERO_FEE_RECIPIENT = "0x" + "00".repeat(20);
const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;
const PUBKEY_RE = /^0x[0-9a-f]{96}$/;

/** One key's entry of the settings file, or the reason it is refused. */
function checkKeySettings(value: unknown): KeySettings | string {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not an object";
  const {feeRecipient, gasLimit, graffiti, ...rest} = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return `unknown fields ${Object.keys(rest).join(",")}`;
  if (feeRecipient !== undefined && (typeof feeRecipient !== "string" || !ADDRESS_RE.test(feeRecipient))) return "feeRecipient is not a 20-byte hex address";
  if (gasLimit !== undefined && (typeof gasLimit !== "number" || !Number.isSafeInteger(gasLimit) || gasLimit < 0)) return "gasLimit is not a whole number";
  if (graffiti !== undefined && (typeof graffiti !== "string" || Buffer.byteLength(graffiti, "utf8") > 32)) return "graffiti is not a string of at most 32 bytes";
  return value as KeySettings;
}

export class ProposerSettings {
  private readonly byKey = new Map<string, KeySettings>();

  constructor(
    /** null keeps the settings in memory only */
    private readonly file: string | null,
    readonly defaults: ProposerDefaults,
    logger: Logger = noopLogger,
  ) {
    if (file === null || !fs.existsSync(file)) return;
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
      // a broken settings file must not stop the duties: defaults apply, and the operator is told
      logger.error("Unreadable proposer settings file, using defaults", {file, error: (e as Error).message});
      return;
    }
    if (typeof json !== "object" || json === null || Array.isArray(json)) {
      logger.error("Proposer settings file is not a JSON object, using defaults", {file});
      return;
    }
    for (const [pubkey, value] of Object.entries(json)) {
      const checked = checkKeySettings(value);
      // one bad entry (a hand edit) loses only that key's own values, never a duty
      if (typeof checked === "string" || !PUBKEY_RE.test(pubkey)) {
        logger.error("Proposer settings entry refused, the key uses the defaults", {file, pubkey: pubkey.slice(0, 100), reason: typeof checked === "string" ? checked : "not a 0x lowercase pubkey"});
        continue;
      }
      this.byKey.set(pubkey, checked);
    }
  }

  feeRecipient(pubkey: string): string | null {
    return this.byKey.get(pubkey)?.feeRecipient ?? this.defaults.feeRecipient;
  }
  gasLimit(pubkey: string): number {
    return this.byKey.get(pubkey)?.gasLimit ?? this.defaults.gasLimit;
  }
  graffiti(pubkey: string): string {
    return this.byKey.get(pubkey)?.graffiti ?? this.defaults.graffiti;
  }

  set(pubkey: string, values: KeySettings): void {
    this.byKey.set(pubkey, {...this.byKey.get(pubkey), ...values});
    this.save();
  }

  /** Drops a key's own value of `field`, so the default applies again. */
  unset(pubkey: string, field: keyof KeySettings): void {
    const s = this.byKey.get(pubkey);
    if (s === undefined) return;
    delete s[field];
    if (Object.keys(s).length === 0) this.byKey.delete(pubkey);
    this.save();
  }

  /** The settings as the duties read them, by pubkey bytes; an empty graffiti leaves it to the node. */
  asPreferences(): ProposerPreferences {
    return {
      feeRecipient: (pubkey) => {
        const address = this.feeRecipient(toHex(pubkey));
        return address === null ? null : fromHex(address);
      },
      gasLimit: (pubkey) => this.gasLimit(toHex(pubkey)),
      graffiti: (pubkey) => {
        const graffiti = this.graffiti(toHex(pubkey));
        return graffiti === "" ? undefined : graffitiBytes(graffiti);
      },
    };
  }

  private save(): void {
    if (this.file === null) return;
    const tmp = `${this.file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify(Object.fromEntries(this.byKey), null, 2));
    fs.renameSync(tmp, this.file);
  }
}
