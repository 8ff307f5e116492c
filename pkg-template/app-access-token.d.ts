
export interface AppAccessTokenOptions {
  /** The app's AppKey (Client ID). */
  appKey: string;
  /** The app's AppSecret (Client Secret). Never in an error, a log or `toJSON`. */
  appSecret: string;
  /** Default `https://api.dingtalk.com` (also for `null`). Plain http only to localhost, 127.0.0.1 or [::1]. */
  baseUrl?: string | null | undefined;
  /** Used instead of the global `fetch` for the token request. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** Timeout of the token request in ms. Default 10000. */
  timeoutMs?: number | undefined;
  /**
   * A page's users can read the secret and act as your app, so `appAccessToken` refuses to run
   * where `window` and `document` exist. True overrides that, for tools that never leave your
   * machine; not in a bundler's page build (the `browser` condition), whose `appAccessToken`
   * always throws and carries none of the token request's code.
   */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/**
 * Server-side: a token function for `CalendarClient`'s `accessToken`, from an app's key and
 * secret. It asks DingTalk's `POST /v1.0/oauth2/accessToken`, keeps the token until shortly
 * before its `expireIn` runs out, sends one request for concurrent callers, and fetches a new
 * token when called with `{ refresh: true }`. It fails with a `DingTalkError` of kind `"auth"`
 * (with DingTalk's `code` and `requestId` where it answered; the original error as `cause`).
 * Throws a `DingTalkError` of kind `"invalidArgument"` for bad options, and in a browser (always
 * in a bundler's page build).
 */
export declare function appAccessToken(options: AppAccessTokenOptions): AccessTokenProvider;
