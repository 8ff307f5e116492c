// The npm package as the ecosystem's own tools judge it, on the packed tarball of pkg/ (run after
// `make pkg`): publint --strict, attw --pack (types for every subpath under node10, node16 from
// CommonJS and from ES modules, and bundler resolution), and a tarball that holds exactly what
// its entries load: no sources, tests or maps.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkg = join(root, "pkg");
const bin = (name) => join(root, "tools", "node_modules", ".bin", name);
const run = promisify(execFile);

test("publint --strict finds nothing", async () => {
  const { stdout } = await run(bin("publint"), ["--strict"], { cwd: pkg });
  assert.match(stdout, /All good!/);
});

test("attw --pack finds nothing, for every subpath and resolution mode", async () => {
  const { stdout } = await run(bin("attw"), ["--pack", pkg, "--format", "json"], { cwd: root });
  const { analysis, problems } = JSON.parse(stdout);
  const count = (found) => (Array.isArray(found) ? found.length : Object.keys(found ?? {}).length);
  assert.equal(count(problems), 0, `attw problems: ${JSON.stringify(problems)}`);
  assert.equal(count(analysis.problems), 0, `attw problems: ${JSON.stringify(analysis.problems)}`);
  const entrypoints = Object.keys(analysis.entrypoints);
  assert.deepEqual(entrypoints.sort(), [".", "./package.json", "./web"]);
  for (const [name, entry] of Object.entries(analysis.entrypoints)) {
    for (const mode of ["node10", "node16-cjs", "node16-esm", "bundler"]) {
      const resolution = entry.resolutions[mode];
      assert.ok(resolution?.resolution?.fileName, `${name} resolves under ${mode}`);
      if (name !== "./package.json") {
        assert.ok(resolution.resolution.isTypeScript, `${name} has types under ${mode}`);
      }
    }
  }
});

/** Every relative file a module names: imports, requires, `new URL(…, import.meta.url)`, `${__dirname}/…`. */
function referencedFiles(file) {
  const text = readFileSync(join(pkg, file), "utf8");
  const patterns = [
    /(?:\bfrom|\bimport|\brequire\()\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g,
    /\brequire\(String\.raw`(\.{1,2}\/[^`]+)`\)/g,
    /new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url/g,
    /\$\{__dirname\}\/([^`]+)`/g,
  ];
  // A query on an import (`?module`, Next's Edge import of a .wasm) names the same file.
  return patterns.flatMap((pattern) =>
    [...text.matchAll(pattern)].map((m) => normalize(join(dirname(file), m[1].replace(/\?[a-z]+$/, "")))),
  );
}

/** The targets of the exports map (and main, module, types), every condition. */
function entryFiles(manifest) {
  const targets = [];
  const walk = (value) => {
    if (typeof value === "string") targets.push(value);
    else if (value && typeof value === "object") Object.values(value).forEach(walk);
  };
  walk(manifest.exports);
  walk([manifest.main, manifest.module, manifest.types]);
  return targets.map((t) => normalize(t));
}

test("the tarball holds exactly what the entries load", async () => {
  const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--loglevel=error"], { cwd: pkg });
  const packed = JSON.parse(stdout)[0].files.map((f) => f.path).sort();
  const manifest = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8"));
  const needed = new Set(["package.json", "README.md", "LICENSE"]);
  const queue = entryFiles(manifest);
  while (queue.length) {
    const file = queue.pop();
    if (needed.has(file)) continue;
    needed.add(file);
    if (/\.(c|m)?js$/.test(file)) {
      queue.push(...referencedFiles(file));
      // A .js file in a folder with its own package.json is read as that file says (cjs/).
      const folderManifest = join(dirname(file), "package.json");
      if (dirname(file) !== "." && packed.includes(folderManifest)) queue.push(folderManifest);
    }
  }
  assert.deepEqual(packed, [...needed].sort());
  assert.ok(!packed.some((f) => /\.(rs|map|ts\.map|test\.m?js)$|^(src|tests?)\//.test(f)), "no sources, tests or maps");
});
