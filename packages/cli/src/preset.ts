import {loadRcConfig, rcConfigPathFromArgv} from "./rcConfig.js";

/**
 * The preset a command line asks for: `--preset X` wins; `hearth dev` defaults to minimal; every
 * other command to mainnet (the public networks all use it), unless HEARTH_PRESET says otherwise.
 */
export function presetFromArgv(argv: string[], env: string | undefined): "mainnet" | "minimal" {
  const i = argv.findIndex((a) => a === "--preset" || a.startsWith("--preset="));
  const value = i < 0 ? undefined : argv[i].includes("=") ? argv[i].split("=")[1] : argv[i + 1];
  const chosen = value ?? presetFromRcConfig(argv) ?? (env || (argv[0] === "dev" ? "minimal" : "mainnet"));
  if (chosen !== "mainnet" && chosen !== "minimal") {
    process.stderr.write(`hearth: --preset must be mainnet or minimal, got "${chosen}"\n`);
    process.exit(2);
  }
  return chosen;
}

/** `preset:` of an --rcConfig file; a file that does not load is left for yargs to report. */
function presetFromRcConfig(argv: string[]): string | undefined {
  const file = rcConfigPathFromArgv(argv);
  if (file === undefined) return undefined;
  try {
    const preset = loadRcConfig(file).preset;
    return preset === undefined ? undefined : String(preset);
  } catch {
    return undefined;
  }
}
