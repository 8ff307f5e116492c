// Writes the package's package.json from pkg-template/'s with the crate's version (`node
// scripts/stamp-package-version.mjs TEMPLATE TARGET VERSION`), so Cargo.toml holds the one
// version.
import { readFileSync, writeFileSync } from "node:fs";

const [template, target, version] = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(template, "utf8"));
pkg.version = version;
writeFileSync(target, JSON.stringify(pkg, null, 2) + "\n");
