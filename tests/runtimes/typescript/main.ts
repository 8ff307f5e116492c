// Compiled with `tsc --strict --noEmit`: every public type in use, and wrong calls that must not
// compile (each `@ts-expect-error` fails the build if its line compiles).
import {
  CalendarClient,
  DingTalkError,
  appAccessToken,
  type AccessTokenProvider,
  type AppAccessTokenOptions,
  type CalendarClientOptions,
  type CallOptions,
  type CreatedCalendar,
  type DingTalkErrorCode,
  type DingTalkErrorKind,
  type NewSubscribedCalendar,
  type ResultResponse,
  type RetryOptions,
  type SubscribeScope,
  type SubscribedCalendar,
  type SubscribedCalendarUpdate,
} from "dingtalk-calendar";

const provider: AccessTokenProvider = async () => "demo-access-token";
const retry: RetryOptions = { maxRetries: 3, baseDelayMs: 100 };
const options: CalendarClientOptions = {
  accessToken: provider,
  baseUrl: "http://127.0.0.1:8790",
  timeoutMs: 5_000,
  retry,
  fetch: (request: Request) => fetch(request),
};
const client = new CalendarClient(options);
new CalendarClient({ accessToken: "token", retry: false });
new CalendarClient({ accessToken: "token", baseUrl: null });
const appOptions: AppAccessTokenOptions = { appKey: "demo-app-key", appSecret: "s", baseUrl: "http://127.0.0.1:8790", timeoutMs: 5_000 };
const appToken: AccessTokenProvider = appAccessToken(appOptions);
new CalendarClient({ accessToken: appAccessToken({ appKey: "k", appSecret: "s", fetch: (request: Request) => fetch(request) }) });
export const fresh: Promise<string> = Promise.resolve(appToken({ refresh: true }));

export async function useEverything(signal: AbortSignal): Promise<string[]> {
  const call: CallOptions = { signal, timeoutMs: 1_000 };
  const calendar: SubscribedCalendar = await client.getSubscribedCalendar("user-alice", "cal-public-holidays", call);
  const id: string = calendar.calendarId;
  const name: string | undefined = calendar.name;
  const scope: SubscribeScope | undefined = calendar.subscribeScope;
  const unionIds: string[] | undefined = scope?.unionIds;
  const managers: string[] = calendar.managers ?? [];
  const deleted: ResultResponse = await client.deleteSubscribedCalendar("user-bob", "cal-sprint-reviews");
  const unsubscribed: boolean = (await client.unsubscribeCalendar("user-carol", "cal-public-holidays")).result;
  const calendarToBe: NewSubscribedCalendar = {
    name: "Release train",
    description: "Every other Tuesday",
    managers: ["user-bob"],
    subscribeScope: { corpIds: ["ding-corp-acme"] },
  };
  const created: CreatedCalendar = await client.createSubscribedCalendar("user-alice", calendarToBe, call);
  const change: SubscribedCalendarUpdate = { subscribeScope: { unionIds: ["user-erin"] } };
  const updated: ResultResponse = await client.updateSubscribedCalendar("user-alice", created.calendarId, change);
  const subscribed: void = await client.subscribeCalendar("user-bob", created.calendarId, call);
  void [updated, subscribed];
  try {
    await client.getSubscribedCalendar("user-erin", "cal-public-holidays");
  } catch (error) {
    if (error instanceof DingTalkError) {
      const kind: DingTalkErrorKind = error.kind;
      const status: number | undefined = error.status;
      const code: string | undefined = error.code;
      const requestId: string | undefined = error.requestId;
      const retryable: boolean = error.retryable;
      const attempts: number = error.attempts;
      const asError: Error = error;
      const json: { kind: DingTalkErrorKind; message: string } = error.toJSON();
      void [kind, status, code, requestId, retryable, attempts, asError, json];
    }
  }
  return [id, name ?? "", ...(unionIds ?? []), ...managers, String(deleted.result), String(unsubscribed)];
}

// `kind` narrows the error, and a switch on it is exhaustive.
export function describe(error: unknown): string {
  if (!(error instanceof DingTalkError)) return "not ours";
  switch (error.kind) {
    case "api": {
      const status: number = error.status;
      const code: DingTalkErrorCode | undefined = error.code;
      return `${status} ${code ?? ""}`;
    }
    case "throttled": {
      const status: number = error.status;
      return `retry later (${status})`;
    }
    case "decode": {
      const status: number = error.status;
      return `odd answer (${status})`;
    }
    case "invalidArgument": {
      // @ts-expect-error nothing was sent, so there is no status
      const status: number = error.status;
      return `bad input ${status}`;
    }
    case "auth":
    case "network":
    case "timeout":
    case "aborted":
      return error.kind;
    default: {
      const unreachable: never = error;
      return unreachable;
    }
  }
}

// Test doubles of a user's own code.
const denied = DingTalkError.from({ kind: "api", status: 403, code: "permissionDenied", requestId: "r-1" });
export const deniedStatus: number = denied.status;
export const deniedIsError: Error = denied;
export const custom = DingTalkError.from({ kind: "api", status: 400, code: "someFutureCode" });

declare const fromEnvironment: string | undefined; // process.env.DINGTALK_TOKEN's type
// An optional option takes what may be undefined (exactOptionalPropertyTypes): the default.
export const fromEnvironmentBaseUrl = new CalendarClient({ accessToken: "t", baseUrl: fromEnvironment, timeoutMs: undefined });

export async function wrongCalls(): Promise<void> {
  // @ts-expect-error an api error has a status
  DingTalkError.from({ kind: "api" });
  // @ts-expect-error kind is one of the documented names
  DingTalkError.from({ kind: "teapot" });
  // @ts-expect-error a timeout has no status
  DingTalkError.from({ kind: "timeout", status: 504 });
  // @ts-expect-error a missing calendarId
  await client.getSubscribedCalendar("user-alice");
  // @ts-expect-error a number as id
  await client.deleteSubscribedCalendar(42, "cal-sprint-reviews");
  // @ts-expect-error a wrong option name
  await client.unsubscribeCalendar("user-carol", "cal-public-holidays", { timeout: 5 });
  const calendar = await client.getSubscribedCalendar("user-alice", "cal-public-holidays");
  // @ts-expect-error a field that does not exist
  void calendar.title;
  // @ts-expect-error create needs a scope
  await client.createSubscribedCalendar("user-alice", { name: "x" });
  // @ts-expect-error a name is a string
  await client.createSubscribedCalendar("user-alice", { name: 1, subscribeScope: {} });
  // @ts-expect-error a typo is not a field
  await client.createSubscribedCalendar("user-alice", { nmae: "x", subscribeScope: {} });
  // @ts-expect-error an update changes at least one field
  await client.updateSubscribedCalendar("user-alice", "cal-public-holidays", {});
  // @ts-expect-error managers are unionIds (strings)
  await client.updateSubscribedCalendar("user-alice", "cal-public-holidays", { managers: [1] });
  // @ts-expect-error update names its calendar
  await client.updateSubscribedCalendar("user-alice", { name: "x" });
  // @ts-expect-error subscribe resolves to nothing
  const nothing: ResultResponse = await client.subscribeCalendar("user-bob", "cal-public-holidays");
  void nothing;
  // @ts-expect-error a token that may be undefined: check it first ('undefined' is not assignable)
  new CalendarClient({ accessToken: fromEnvironment });
  // @ts-expect-error the token is required
  new CalendarClient({ baseUrl: "https://api.dingtalk.com" });
  // @ts-expect-error retry is an object or false, not true
  new CalendarClient({ accessToken: "t", retry: true });
  // @ts-expect-error kind is one of the documented names
  const kind: DingTalkErrorKind = "teapot";
  void kind;
  // @ts-expect-error the app secret is required
  appAccessToken({ appKey: "k" });
  // @ts-expect-error dangerouslyAllowBrowser is a boolean
  appAccessToken({ appKey: "k", appSecret: "s", dangerouslyAllowBrowser: "yes" });
  // @ts-expect-error DingTalkError is made by the client, not by callers
  new DingTalkError();
}
