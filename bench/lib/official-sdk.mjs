// DingTalk's official Node SDK, @alicloud/dingtalk, as a contestant: installed by run.mjs into
// bench/.sdk (ignored), a benchmark-only comparison and never a dependency of the package.
import { createRequire } from "node:module";
import { join } from "node:path";

export const SDK_VERSION = "2.2.27";
export const SDK_DIR = new URL("../.sdk/", import.meta.url).pathname;
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

