// appAccessToken on the ES module build's glue, re-exported by every ES module entry but web.js.
// A module of its own, free of side effects, so that a bundle which does not use it leaves it and
// app-access-token.js out: bundlers (Turbopack among them) drop an unused re-export of such a
// module, not always an unused function inside an entry.
import * as glue from "./esm/dingtalk_calendar.js";
import { createAppAccessToken } from "./app-access-token.js";

/** Server-side: see app-access-token.js. */
export function appAccessToken(options) {
  return createAppAccessToken(options, glue);
}
