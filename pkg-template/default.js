// Where no export condition above matches (a runtime or bundler the package has not been tested
// in, which may well be a server): browser.js's client, which loads anywhere, with the whole
// appAccessToken of the server builds rather than the browser build's refusal.
export { CalendarClient, DingTalkError } from "./browser.js";
export { appAccessToken } from "./app-access-token-esm.js";
