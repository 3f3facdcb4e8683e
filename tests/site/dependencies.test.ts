import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The first hono release without any published CORS advisory: the Vary
 * header copied from the request (GHSA-q7jf-gf43-6x6p, fixed in 4.10.3),
 * any origin reflected with credentials (GHSA-88fw-hqm2-52qc, high, 4.12.25),
 * a ReDoS on Access-Control-Request-Headers (GHSA-8j4g-w8fx-2239, 4.12.34).
 */
const HONO_WITHOUT_CORS_ADVISORIES = "4.12.34";

const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));

/** Compares dotted release numbers ("4.13.19"); a range's lower bound is read without its ^ or ~. */
function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((version) => version.replace(/^[\^~>=\s]+/, "").split(/[.-]/).slice(0, 3).map(Number));
  for (let i = 0; i < 3; i++) if (x![i] !== y![i]) return x![i]! - y![i]!;
  return 0;
}

describe("hono, the framework that answers every request", () => {
  it("is declared, locked and installed at a release without the published CORS advisories", () => {
    const declared = readJson("package.json").dependencies.hono as string;
    const locked = readJson("package-lock.json").packages["node_modules/hono"].version as string;
    const installed = readJson("node_modules/hono/package.json").version as string;
    for (const version of [declared, locked, installed]) {
      expect(compareVersions(version, HONO_WITHOUT_CORS_ADVISORIES), version).toBeGreaterThanOrEqual(0);
    }
  });
});

describe("CI", () => {
  it("fails on a high-severity npm audit finding in the production dependencies", () => {
    const script = readFileSync(".ci/run", "utf8");
    expect(script).toMatch(/^set -euo pipefail$/m);
    expect(script).toMatch(/^bash scripts\/audit\.sh$/m);
    const audit = readFileSync("scripts/audit.sh", "utf8");
    expect(audit).toContain("npm audit --omit=dev --audit-level=high --json");
  });

  it("fails the audit script on a finding: a fake npm that reports one makes it exit 1", () => {
    const bin = mkdtempSync(path.join(tmpdir(), "fake-npm-"));
    const report = JSON.stringify({ metadata: { vulnerabilities: { high: 1, critical: 0 } } });
    writeFileSync(path.join(bin, "npm"), `#!/bin/sh\necho '${report}'\nexit 1\n`, { mode: 0o755 });
    const run = spawnSync("bash", ["scripts/audit.sh"], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("high-severity advisories");
  });

  it("passes the audit script when npm finds nothing, and warns (not fails) when the registry refuses to answer", () => {
    const bin = mkdtempSync(path.join(tmpdir(), "fake-npm-"));
    writeFileSync(path.join(bin, "npm"), "#!/bin/sh\necho '{\"metadata\":{\"vulnerabilities\":{}}}'\nexit 0\n", { mode: 0o755 });
    const clean = spawnSync("bash", ["scripts/audit.sh"], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, encoding: "utf8" });
    expect(clean.status).toBe(0);
    writeFileSync(path.join(bin, "npm"), "#!/bin/sh\necho '{\"message\":\"405 Method Not Allowed\",\"statusCode\":405}'\nexit 1\n", { mode: 0o755 });
    const refused = spawnSync("bash", ["scripts/audit.sh"], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, encoding: "utf8" });
    expect(refused.status).toBe(0);
    expect(refused.stderr).toContain("would not answer the audit (405 Method Not Allowed)");
  });
});
