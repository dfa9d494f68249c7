import {readFileSync} from "node:fs";
import {parse} from "yaml";
import type {ChainConfig} from "./chainConfig.js";
import {chainConfigFromRaw} from "./assemble.js";
import {ChainConfigError, ChainConfigErrorCode} from "./errors.js";

/**
 * A ChainConfig from the text of a consensus config.yaml. YAML's failsafe schema keeps every
 * scalar as its exact text: the core schema would read 0x00000000 as the number 0 and round
 * 18446744073709551615 to a double.
 */
export function parseChainConfig(yamlText: string): ChainConfig {
  let raw: unknown;
  try {
    raw = parse(yamlText, {schema: "failsafe"});
  } catch (e) {
    throw new ChainConfigError(ChainConfigErrorCode.INVALID_YAML, `config.yaml is not valid YAML: ${(e as Error).message}`);
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    throw new ChainConfigError(ChainConfigErrorCode.INVALID_YAML, "config.yaml is not a mapping of keys to values");
  }
  return chainConfigFromRaw(raw as Record<string, unknown>);
}

/** parseChainConfig of a file; errors name the file as well as the key. */
export function loadChainConfigFile(path: string): ChainConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ChainConfigError(ChainConfigErrorCode.READ_FAILED, `Cannot read config file ${path}: ${(e as Error).message}`);
  }
  try {
    return parseChainConfig(text);
  } catch (e) {
    if (e instanceof ChainConfigError) throw new ChainConfigError(e.code, `${path}: ${e.message}`, e.key);
    throw e;
  }
}
