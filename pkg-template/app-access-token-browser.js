// appAccessToken in the browser builds (browser.js and bundler.js, which bundlers pick for a
// page): it holds an app secret, which a page never should, so here it only refuses. Its request
// code stays out of every page, also where a bundler keeps an unused export of an entry with
// top-level await (Turbopack does). Node, Deno, Bun, Workers and the Edge runtime have it all.
import { DingTalkError } from "./esm/dingtalk_calendar.js";

/** Refuses: see app-access-token.js for the server builds' appAccessToken. */
export function appAccessToken() {
  throw new DingTalkError(
    "appAccessToken: refused in a browser build: whoever loads the page can read the app secret and act as your app. " +
      "Get tokens on a server (a Worker, say) and give the page only what it needs",
    { kind: "invalidArgument", retryable: false },
  );
}
