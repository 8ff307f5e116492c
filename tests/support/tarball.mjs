// The packed tarball of pkg/, as users install it: `npm pack` into `dir` (emptied first), renamed
// to dingtalk-calendar.tgz so consumer projects can name it in their package.json.
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Packs pkg/ into `dir`; resolves to the tarball's path. */
export async function packTarball(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await promisify(execFile)("npm", ["pack", "--pack-destination", dir, "--loglevel=error"], { cwd: join(root, "pkg") });
  const tarball = join(dir, "dingtalk-calendar.tgz");
  renameSync(join(dir, readdirSync(dir).find((f) => f.endsWith(".tgz"))), tarball);
  return tarball;
}
