import type {ChainConfig} from "../chainConfig.js";

/**
 * A network's config without the keys of forks after fulu: a testnet built on mainnet's values must
 * not inherit mainnet's version or epoch for a fork it has not scheduled.
 */
export function withoutLaterForks(config: ChainConfig): ChainConfig {
  return Object.fromEntries(Object.entries(config).filter(([key]) => !/^(GLOAS|HEZE)_FORK_(VERSION|EPOCH)$/.test(key))) as ChainConfig;
}
