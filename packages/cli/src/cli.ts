import yargs from "yargs";
import {devCommand} from "./cmds/dev.js";
import {beaconCommand} from "./cmds/beacon.js";
import {validatorCommand} from "./cmds/validator/index.js";
import {versionString} from "./version.js";
import {loadRcConfig, rcConfigPathFromArgv, RcConfigError} from "./rcConfig.js";
import {explainRuntimeError, explainUsageError, EXIT_RUNTIME, EXIT_USAGE} from "./explainError.js";

const COMMANDS = ["dev", "beacon", "validator"];

export async function runCli(argv: string[]): Promise<void> {
  // what the handler ran with, to name the flag behind a runtime error (a port in use)
  let parsedArgs: Record<string, unknown> | null = null;
  let rcKeys = new Set<string>();
  const rcFile = rcConfigPathFromArgv(argv);
  const command = COMMANDS.find((c) => c === argv[0]);
  await yargs(argv)
    .scriptName("hearth")
    .usage("hearth <command> [flags]\n\nAn Ethereum consensus client: beacon node, validator client and a local dev chain.")
    // Flags like --rest.port are names of their own, as in the other clients, not nested objects.
    .parserConfiguration({"dot-notation": false})
    .config("rcConfig", "A YAML file of flags (`rest.port: 9597`); flags on the command line win", (file: string) => {
      const values = loadRcConfig(file);
      rcKeys = new Set(Object.keys(values));
      return values;
    })
    .group(["rcConfig", "help", "version"], "General:")
    .command(devCommand)
    .command(beaconCommand)
    .command(validatorCommand)
    .demandCommand(1, "Choose a command: hearth dev | hearth beacon | hearth validator")
    .recommendCommands()
    .strict()
    .example("hearth dev", "a local dev chain with 64 interop validators (what `npm start` runs)")
    .example("hearth beacon --network mainnet --checkpointSyncUrl URL --jwtSecret jwt.hex", "a mainnet node next to an execution client")
    .example("hearth validator --beaconNodes http://127.0.0.1:9596 --keystoresDir keys --passwordFile pass.txt", "validator duties for your keys")
    .epilogue("Every command has its own help: hearth <command> --help. Docs: README.md.")
    .middleware((args) => {
      parsedArgs = args as Record<string, unknown>;
    })
    .version("version", "Show the version", versionString())
    .help()
    .wrap(Math.min(110, process.stdout.columns || 110))
    .fail((msg, err, y) => {
      if (err) {
        process.stderr.write(`hearth: ${explainRuntimeError(err, parsedArgs)}\n`);
        // yargs re-wraps what the config parser throws, so the rc file's errors are known by their prefix
        process.exit(err instanceof RcConfigError || err.message.startsWith("--rcConfig ") ? EXIT_USAGE : EXIT_RUNTIME);
      }
      if (command === undefined) {
        // no command, or an unknown one: the overview is the useful answer
        process.stderr.write(`${(y as unknown as {help(): string}).help()}\n\nhearth: ${msg}\n`);
      } else {
        // yargs hands the fail callback its usage object only: the command's flags are read off its help
        const known = [...new Set([...(y as unknown as {help(): string}).help().matchAll(/--([A-Za-z][\w.-]*)/g)].map((m) => m[1]))];
        process.stderr.write(`hearth ${command}: ${explainUsageError(msg, known, rcKeys, rcFile)}\nSee every flag with: hearth ${command} --help\n`);
      }
      process.exit(EXIT_USAGE);
    })
    .parseAsync();
}
