import {readFileSync} from "node:fs";

/** The version in the cli package's package.json. */
export const VERSION: string = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {version: string}).version;

/** What `hearth --version` prints: the version, then the platform it runs on (for bug reports). */
export function versionString(): string {
  return `hearth v${VERSION} (node ${process.version}, ${process.platform}-${process.arch})`;
}
