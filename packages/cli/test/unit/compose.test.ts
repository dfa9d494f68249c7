// docker-compose.yml as shipped (issue 10): valid against the Compose specification's JSON schema;
// every variable it uses set in .env; the JWT secret shared; operator ports on loopback. The checks
// that start processes (`docker-compose config`, `hearth <cmd> --help`) are in test/e2e/compose.test.ts.
import {strict as assert} from "node:assert";
import fs from "node:fs";
import path from "node:path";
import {fileURLToPath} from "node:url";
import {Ajv2019} from "ajv/dist/2019.js";
import {parse} from "yaml";
import {NETWORK_NAMES} from "@hearth/config";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../..");
const CLI = path.join(ROOT, "packages/cli/lib/src/index.js");
const COMPOSE_NETWORKS = ["mainnet", "sepolia", "holesky", "hoodi"];

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  ports?: string[];
  volumes?: string[];
}
interface Compose {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

const composeText = fs.readFileSync(path.join(ROOT, "docker-compose.yml"), "utf8");
const compose = parse(composeText, {merge: true}) as Compose;

function readEnv(file: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const line of fs.readFileSync(path.join(ROOT, file), "utf8").split("\n")) {
    const m = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m) env.set(m[1], m[2]);
  }
  return env;
}

/**
 * Debian's docker-compose package (installed by .ci/run) ships the Compose specification's JSON schema;
 * HEARTH_COMPOSE_SCHEMA names another copy. Null when neither is there.
 */
const DEBIAN_COMPOSE_SCHEMA = "/usr/lib/python3/dist-packages/compose/config/compose_spec.json";
function composeSchemaFile(): string | null {
  const file = process.env.HEARTH_COMPOSE_SCHEMA ?? DEBIAN_COMPOSE_SCHEMA;
  return fs.existsSync(file) ? file : null;
}

function loadComposeSchema(file: string): object {
  const schema = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  // It names its draft as "http://json-schema.org/draft/2019-09/schema#", which Ajv2019 knows under
  // https and without the "#": the draft is Ajv2019's own, so the name is dropped.
  delete schema.$schema;
  return dropDraft4Ids(schema) as object;
}

/**
 * The schema also tags its parts with draft-04's `id` (a string), which later drafts renamed $id and
 * Ajv refuses; they are labels here (no $ref points at them), so they go. A property named "id"
 * would be an object, and stays.
 */
function dropDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(dropDraft4Ids);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(Object.entries(node).filter(([k, v]) => !(k === "id" && typeof v === "string")).map(([k, v]) => [k, dropDraft4Ids(v)]));
}

describe("docker-compose.yml", function () {
  this.timeout(10_000);

  it("validates against the Compose specification's JSON schema", function () {
    const file = composeSchemaFile();
    if (file === null) {
      console.warn(`!! SKIPPED: no Compose JSON schema (install Debian's docker-compose, or set HEARTH_COMPOSE_SCHEMA); looked at ${DEBIAN_COMPOSE_SCHEMA}`);
      this.skip();
    }
    const ajv = new Ajv2019({strict: false, allErrors: true});
    // the formats the Compose specification defines in prose (spec.md)
    ajv.addFormat("duration", /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
    ajv.addFormat("ports", /^((\d{1,3}(\.\d{1,3}){3}|\[[\da-fA-F:]+\]):)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
    ajv.addFormat("expose", /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
    ajv.addFormat("subnet_ip_address", /^[\da-fA-F.:]+\/\d{1,3}$/);
    const validate = ajv.compile(loadComposeSchema(file));
    const ok = validate(compose);
    assert.equal(ok, true, JSON.stringify(validate.errors, null, 2));
    // and the schema is not a pushover: a misspelt service key fails it
    const broken = structuredClone(compose) as unknown as {services: Record<string, Record<string, unknown>>};
    broken.services.beacon.comand = ["beacon"];
    assert.equal(validate(broken), false);
    const badPort = structuredClone(compose) as unknown as {services: Record<string, {ports: string[]}>};
    badPort.services.beacon.ports = ["127.0.0.1:9596:http"];
    assert.equal(validate(badPort), false);
  });

  it("uses only variables set in .env, which equals .env.example, with a documented checkpoint URL per network", () => {
    const env = readEnv(".env");
    const example = readEnv(".env.example");
    assert.deepEqual([...env.entries()], [...example.entries()]);
    const used = new Set([...composeText.matchAll(/\$\{([A-Z_][A-Z0-9_]*)\}/g)].map((m) => m[1]));
    assert.deepEqual([...used].filter((v) => !env.has(v)), []);
    assert.ok(COMPOSE_NETWORKS.includes(env.get("HEARTH_NETWORK") ?? ""));
    const exampleText = fs.readFileSync(path.join(ROOT, ".env.example"), "utf8");
    for (const network of COMPOSE_NETWORKS) {
      assert.ok((NETWORK_NAMES as readonly string[]).includes(network), `hearth knows ${network}`);
      assert.match(exampleText, new RegExp(`^#\\s+${network}\\s+https://\\S+$`, "m"), `a checkpoint sync URL for ${network}`);
    }
    const documented = new RegExp(`^#\\s+${env.get("HEARTH_NETWORK")}\\s+(\\S+)$`, "m").exec(exampleText)?.[1];
    assert.equal(env.get("CHECKPOINT_SYNC_URL"), documented);
  });

  it("runs hearth from the Dockerfile's image, and shares the JWT secret between geth and the beacon node", () => {
    const dockerfile = fs.readFileSync(path.join(ROOT, "Dockerfile"), "utf8");
    assert.match(dockerfile, /^ENTRYPOINT \["node", "\/hearth\/packages\/cli\/lib\/src\/index\.js"\]$/m);
    assert.ok(fs.existsSync(CLI), "the entrypoint is the built hearth binary");
    const {beacon, validator, geth, jwt} = compose.services;
    assert.ok(beacon.build !== undefined && validator.build !== undefined);
    assert.match(geth.image ?? "", /^ethereum\/client-go:/);
    for (const s of [geth, beacon, jwt]) assert.ok(s.volumes?.some((v) => v.startsWith("jwt:/jwt")));
    assert.ok(geth.command?.includes("--authrpc.jwtsecret=/jwt/jwt.hex"));
    assert.ok(beacon.command?.includes("--jwtSecret=/jwt/jwt.hex"));
    assert.ok(beacon.command?.includes("--execution.urls=http://geth:8551"));
    assert.ok(validator.command?.includes("--beaconNodes=http://beacon:9596"));
  });

  it("publishes APIs, metrics and Grafana on 127.0.0.1 only, and Prometheus scrapes the ports hearth serves", () => {
    const p2p = new Set(["9000", "30303"]);
    for (const [name, service] of Object.entries(compose.services)) {
      for (const port of service.ports ?? []) {
        const container = port.split(":").at(-1)?.split("/")[0] ?? "";
        if (p2p.has(container)) continue;
        assert.match(port, /^127\.0\.0\.1:/, `${name} publishes ${port} beyond loopback`);
      }
    }
    const prometheus = parse(fs.readFileSync(path.join(ROOT, "ops/prometheus/prometheus.yml"), "utf8")) as {
      scrape_configs: {job_name: string; static_configs: {targets: string[]}[]}[];
    };
    const target = (job: string): string | undefined => prometheus.scrape_configs.find((c) => c.job_name === job)?.static_configs[0].targets[0];
    const port = (s: Service): string | undefined => s.command?.find((a) => a.startsWith("--metrics.port="))?.split("=")[1];
    assert.equal(target("beacon"), `beacon:${port(compose.services.beacon)}`);
    assert.equal(target("validator"), `validator:${port(compose.services.validator)}`);
    assert.ok(compose.services.validator.command?.includes("--metrics"));
  });
});
