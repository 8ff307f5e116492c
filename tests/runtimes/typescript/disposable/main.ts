// `using` with TypeScript's esnext.disposable lib (main.ts checks the declarations without it):
// the client is freed at the end of the block, checked by tests/runtimes/runtimes.test.mjs,
// which compiles this file to ES2022 (where TypeScript lowers `using`) and runs it in Node.
import { CalendarClient, DingTalkError } from "dingtalk-calendar";

export async function freedAtTheEndOfTheBlock(baseUrl: string): Promise<string> {
  let kept: CalendarClient;
  {
    using client = new CalendarClient({ accessToken: "demo-access-token", baseUrl });
    const calendar = await client.getSubscribedCalendar("user-alice", "cal-public-holidays");
    if (calendar.name !== "Public Holidays") throw new Error(`unexpected ${calendar.name}`);
    kept = client;
  }
  const error: unknown = await kept.getSubscribedCalendar("user-alice", "cal-public-holidays").then(
    () => null,
    (e: unknown) => e,
  );
  return error instanceof DingTalkError ? error.message : `not freed: ${String(error)}`;
}
