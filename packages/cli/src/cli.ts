import yargs from "yargs";
import {devCommand} from "./cmds/dev.js";
import {beaconCommand} from "./cmds/beacon.js";
import {VERSION} from "./version.js";

export async function runCli(argv: string[]): Promise<void> {
  await yargs(argv)
    .scriptName("hearth")
    // Flags like --rest.port are names of their own, as in the other clients, not nested objects.
    .parserConfiguration({"dot-notation": false})
    .command(devCommand)
    .command(beaconCommand)
    .demandCommand(1, "Choose a command: hearth dev | hearth beacon")
    .strict()
    .version(VERSION)
    .help()
    .wrap(Math.min(110, process.stdout.columns || 110))
    .fail((msg, err, y) => {
      if (err) {
        process.stderr.write(`hearth: ${err.message}\n`);
      } else {
        process.stderr.write(`${y.help()}\n\nhearth: ${msg}\n`);
      }
      process.exit(1);
    })
    .parseAsync();
}
