import { describe, expect, test } from "vitest";
import { CalendarClient, DingTalkError } from "dingtalk-calendar";

import { showCalendar } from "../src/calendar-card.js";

describe("showCalendar", () => {
  test("with a stubbed fetch (the client's `fetch` option)", async () => {
    const element = document.createElement("p");
    const client = new CalendarClient({
      accessToken: "test-token",
      fetch: async () => Response.json({ calendarId: "cal-1", name: "Team offsites" }),
    });
    await showCalendar(element, client, "user-1", "cal-1");
    expect(element.textContent).toBe("Team offsites");
  });

  test("with DingTalk's error answer through a stubbed fetch", async () => {
    const element = document.createElement("p");
    const client = new CalendarClient({
      accessToken: "test-token",
      fetch: async () => Response.json({ code: "permissionDenied", message: "not yours", requestid: "r-1" }, { status: 403 }),
    });
    await showCalendar(element, client, "user-1", "cal-1");
    expect(element.textContent).toBe("DingTalk refused: permissionDenied");
  });

  test("with a test double that rejects with DingTalkError.from", async () => {
    const element = document.createElement("p");
    const client = {
      getSubscribedCalendar: async () => {
        throw DingTalkError.from({ kind: "timeout", retryable: true });
      },
    };
    await showCalendar(element, client, "user-1", "cal-1");
    expect(element.textContent).toBe("failed: timeout");
  });

  test.runIf(process.env.DINGTALK_MOCK_URL)("against the mock", async () => {
    const element = document.createElement("p");
    const client = new CalendarClient({ accessToken: "demo-access-token", baseUrl: process.env.DINGTALK_MOCK_URL });
    await showCalendar(element, client, "user-alice", "cal-public-holidays");
    expect(element.textContent).toBe("Public Holidays");
  });
});
