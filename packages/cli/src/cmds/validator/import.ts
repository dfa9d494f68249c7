// `hearth validator import --keystore F|DIR --passwordFile F`: copies keystores (after checking the
// password opens them) into the data directory, where `hearth validator` loads them.
import path from "node:path";
import type {CommandModule} from "yargs";
import {dataDirLayout, importKeystoreFiles, readPasswordFile} from "@hearth/validator";
import {DEFAULT_VALIDATOR_DATA_DIR, validatorLogger, withLogOptions} from "./options.js";

interface ImportArgs {
  keystore: string;
  passwordFile: string;
  dataDir: string;
  logLevel: string;
  logFormat: string;
  logFile?: string;
}

export const importCommand: CommandModule<object, ImportArgs> = {
  command: "import",
  describe: "Import EIP-2335 keystores into the validator's data directory",
  builder: (y) =>
    withLogOptions(y)
      .option("keystore", {type: "string", demandOption: true, describe: "A keystore file, or a folder of them"})
      .option("passwordFile", {type: "string", demandOption: true, describe: "File holding the keystores' password"})
      .option("dataDir", {type: "string", default: DEFAULT_VALIDATOR_DATA_DIR}) as never,
  handler: async (args) => {
    const logger = validatorLogger(args);
    const dirs = dataDirLayout(path.resolve(args.dataDir));
    const results = await importKeystoreFiles({source: path.resolve(args.keystore), password: readPasswordFile(args.passwordFile), dirs, logger});
    for (const r of results) {
      const line = `${r.status.padEnd(9)} ${r.pubkey ?? "-"} ${r.file}${r.message ? `: ${r.message}` : ""}\n`;
      process.stdout.write(line);
    }
    const imported = results.filter((r) => r.status === "imported").length;
    const failed = results.filter((r) => r.status === "error").length;
    process.stdout.write(`${imported} imported, ${results.length - imported - failed} already present, ${failed} failed, into ${dirs.keystoresDir}\n`);
    if (failed > 0 || results.length === 0) process.exitCode = 1;
  },
};
