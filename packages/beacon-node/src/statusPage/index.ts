// The status page: one static HTML file (packages/beacon-node/static/status.html) served at / on the
// Beacon API's port. It reads the Beacon API from the browser, so it needs nothing from the node but
// this route; the file is read once at start, so a missing file fails the start, not a visit.
import {readFileSync} from "node:fs";
import {fileURLToPath} from "node:url";
import type {BeaconApiServer} from "@hearth/api";

/** lib/src/statusPage/index.js → packages/beacon-node/static/status.html */
export const STATUS_PAGE_FILE = fileURLToPath(new URL("../../../static/status.html", import.meta.url));

// the page talks to its own origin only; inline script and style are its whole code
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; form-action 'self'";

/** Adds GET / (and /status) serving the page to a Beacon API server before it listens. */
export function addStatusPage(app: BeaconApiServer["app"], file: string = STATUS_PAGE_FILE): void {
  const html = readFileSync(file);
  for (const url of ["/", "/status"]) {
    app.get(url, (_req, reply) => {
      void reply
        .header("content-type", "text/html; charset=utf-8")
        .header("cache-control", "no-cache")
        .header("content-security-policy", CONTENT_SECURITY_POLICY)
        .header("x-content-type-options", "nosniff")
        .send(html);
    });
  }
}
