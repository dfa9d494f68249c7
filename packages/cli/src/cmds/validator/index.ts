// `hearth validator`: the validator client, and its subcommands.
import type {CommandModule} from "yargs";
import {importCommand} from "./import.js";
import {slashingProtectionCommand} from "./slashingProtection.js";
import {withValidatorOptions, type ValidatorArgs} from "./options.js";
import {runValidator} from "./run.js";

export const validatorCommand: CommandModule<object, ValidatorArgs> = {
  command: "validator",
  describe: "Run a validator client against one or more beacon nodes",
  builder: (y) =>
    withValidatorOptions(y)
      .command(importCommand)
      .command(slashingProtectionCommand) as never,
  handler: (args) => runValidator(args),
};
