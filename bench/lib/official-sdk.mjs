// DingTalk's official Node SDK, @alicloud/dingtalk, as a contestant: installed by run.mjs into
// bench/.sdk (ignored), a benchmark-only comparison and never a dependency of the package.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

export const SDK_VERSION = "2.2.27";
export const SDK_DIR = new URL("../.sdk/", import.meta.url).pathname;
/**
 * Installs the SDK into bench/.sdk (ignored) from the npm registry unless that version is
 * there: for the benchmarks' comparison and the mock's fidelity test, never a dependency.
 */
export function installOfficialSdk(log = () => {}) {
  const manifest = join(SDK_DIR, "node_modules", "@alicloud", "dingtalk", "package.json");
  if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).version === SDK_VERSION) return;
  log(`npm install @alicloud/dingtalk@${SDK_VERSION} into bench/.sdk`);
  mkdirSync(SDK_DIR, { recursive: true });
  execFileSync("npm", ["install", "--prefix", SDK_DIR, "--no-package-lock", "--no-audit", "--no-fund", "--loglevel=error", `@alicloud/dingtalk@${SDK_VERSION}`], { stdio: "inherit" });
}

/** The SDK's modules, from bench/.sdk (see `installOfficialSdk`). */
export function officialSdk() {
  const require = createRequire(join(SDK_DIR, "package.json"));
  return {
    Calendar: require("@alicloud/dingtalk/calendar_1_0"),
    OAuth: require("@alicloud/dingtalk/oauth2_1_0"),
    Config: require("@alicloud/openapi-client").Config,
    RuntimeOptions: require("@alicloud/tea-util").RuntimeOptions,
  };
}

/** DingTalk's official Node SDK (@alicloud/dingtalk), from bench/.sdk (installed by run.mjs). */
export function officialSdkClient(baseUrl) {
  const require = createRequire(join(SDK_DIR, "package.json"));
  const Calendar = require("@alicloud/dingtalk/calendar_1_0");
  const { Config } = require("@alicloud/openapi-client");
  const { RuntimeOptions } = require("@alicloud/tea-util");
  const url = new URL(baseUrl);
  const client = new Calendar.default(new Config({ protocol: url.protocol.slice(0, -1), regionId: "central", endpoint: url.host }));
  const headers = new Calendar.GetSubscribedCalendarHeaders({ xAcsDingtalkAccessToken: "demo-access-token" });
  // Its retries off, as ours are for a call that succeeds; its default runtime otherwise.
  const runtime = new RuntimeOptions({ autoretry: false });
  return { getSubscribedCalendar: async (user, calendar) => (await client.getSubscribedCalendarWithOptions(user, calendar, headers, runtime)).body };
}

