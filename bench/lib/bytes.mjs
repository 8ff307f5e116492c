// Bytes, gzip (level 9) and brotli (quality 11), of what each runtime loads and of what a Vite
// and a webpack production build of a one-call page (bench/page/) ship, against the no-bundler
// page. The builds use the packed tarball, installed in bench/page/node_modules.
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { compressedSize } from "../../scripts/compressed-size.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const page = join(root, "bench", "page");
const work = join(root, "target", "bench");
const bin = (name) => join(root, "tools", "node_modules", ".bin", name);

export function measure(files) {
  return { files: files.length, ...compressedSize(files) };
}

const filesUnder = (dir) => readdirSync(dir, { recursive: true }).map((f) => join(dir, f)).filter((f) => statSync(f).isFile());
const shipped = (dir) => filesUnder(dir).filter((f) => /\.(m?js|wasm)$/.test(f));

export function bundles() {
  rmSync(join(page, "node_modules"), { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  execFileSync("npm", ["pack", "--pack-destination", work, "--loglevel=error"], { cwd: join(root, "pkg") });
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
  execFileSync("npm", ["install", "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error", join(work, tarball)], { cwd: page });
  const vite = join(work, "vite");
  execFileSync(bin("vite"), ["build", "--logLevel", "warn", "--outDir", vite, "--emptyOutDir"], { cwd: page });
  const webpack = join(work, "webpack");
  execFileSync(bin("webpack"), ["--mode", "production", "--entry", "./one-call.js", "--output-path", webpack, "--output-filename", "main.js", "--stats", "errors-warnings"], { cwd: page });
  const pkg = (...parts) => join(root, "pkg", ...parts);
  const glue = [pkg("esm", "dingtalk_calendar.js"), ...filesUnder(pkg("esm", "snippets"))];
  return [
    { name: "no bundler: web.js + glue + .wasm", ...measure([pkg("web.js"), ...glue, pkg("esm", "dingtalk_calendar_bg.wasm")]) },
    { name: "Vite 8 production build", ...measure(shipped(vite)) },
    { name: "webpack 5 production build", ...measure(shipped(webpack)) },
    { name: "hand-written fetch client (for scale)", ...measure([join(root, "bench", "lib", "hand-written.js")]) },
  ];
}
