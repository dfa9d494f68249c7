#!/usr/bin/env node
// The `hearth` command. The preset sizes every SSZ type when @hearth/params is first imported, so it
// is settled from the arguments before anything else is loaded.
import {presetFromArgv} from "./preset.js";

process.env.HEARTH_PRESET = presetFromArgv(process.argv.slice(2), process.env.HEARTH_PRESET);
const {runCli} = await import("./cli.js");
await runCli(process.argv.slice(2));
