// `hearth validator slashing-protection import|export --file F --dataDir D`: moves a validator's
// slashing protection history in and out as an EIP-3076 (v5) interchange file. The database is
// locked while a validator client runs on the same data directory, so this runs with it stopped.
import fs from "node:fs";
import path from "node:path";
import type {Argv, CommandModule} from "yargs";
import {fromHex} from "@hearth/config";
import {SlashingProtection, slashingProtectionDbDir} from "@hearth/validator";
import {DEFAULT_VALIDATOR_DATA_DIR, validatorLogger, withLogOptions} from "./options.js";

interface SlashingProtectionArgs {
  file: string;
  dataDir: string;
  pubkeys?: string;
  logLevel: string;
  logFormat: string;
  logFile?: string;
}

function withFileOptions<T>(y: Argv<T>, describeFile: string): Argv<T & SlashingProtectionArgs> {
  return withLogOptions(y)
    .option("file", {type: "string", demandOption: true, describe: describeFile})
    .option("dataDir", {type: "string", default: DEFAULT_VALIDATOR_DATA_DIR, describe: "The validator's data directory"}) as never;
}

async function withProtection<T>(args: SlashingProtectionArgs, fn: (sp: SlashingProtection) => Promise<T>): Promise<T> {
  const logger = validatorLogger(args);
  const sp = await SlashingProtection.open({dbDir: slashingProtectionDbDir(path.resolve(args.dataDir)), logger});
  try {
    return await fn(sp);
  } finally {
    await sp.close();
  }
}

const importSubcommand: CommandModule<object, SlashingProtectionArgs> = {
  command: "import",
  describe: "Import an EIP-3076 interchange file into the slashing protection database",
  builder: (y) => withFileOptions(y, "The interchange JSON file to import") as never,
  handler: async (args) => {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(path.resolve(args.file), "utf8"));
    } catch (e) {
      throw new Error(`cannot read interchange file ${args.file}: ${(e as Error).message}`);
    }
    const result = await withProtection(args, (sp) => sp.importInterchange(json));
    process.stdout.write(`imported ${result.keys} keys (${result.blocks} blocks, ${result.attestations} attestations) from ${args.file}\n`);
  },
};

const exportSubcommand: CommandModule<object, SlashingProtectionArgs> = {
  command: "export",
  describe: "Export the slashing protection database as an EIP-3076 interchange file",
  builder: (y) =>
    withFileOptions(y, "Where to write the interchange JSON").option("pubkeys", {
      type: "string",
      describe: "Comma-separated 0x-pubkeys to export (default: every key in the database)",
    }) as never,
  handler: async (args) => {
    const pubkeys = args.pubkeys?.split(",").map((p) => p.trim()).filter(Boolean).map((p) => {
      if (!/^0x[0-9a-fA-F]{96}$/.test(p)) throw new Error(`not a 48-byte 0x-hex pubkey: ${p}`);
      return fromHex(p);
    });
    const interchange = await withProtection(args, (sp) => sp.exportInterchange(pubkeys));
    // a reader never sees half a file: write aside, then rename over
    const file = path.resolve(args.file);
    const tmp = `${file}.tmp-${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify(interchange, null, 2) + "\n");
    fs.renameSync(tmp, file);
    process.stdout.write(`exported ${interchange.data.length} keys to ${args.file}\n`);
  },
};

export const slashingProtectionCommand: CommandModule = {
  command: "slashing-protection <command>",
  describe: "Import or export slashing protection history (EIP-3076 interchange)",
  builder: (y) => y.command(importSubcommand).command(exportSubcommand).demandCommand(1) as never,
  handler: () => {},
};
