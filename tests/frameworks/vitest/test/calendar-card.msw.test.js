import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { CalendarClient } from "dingtalk-calendar";

import { showCalendar } from "../src/calendar-card.js";

// MSW answers DingTalk's real address; the client uses the global fetch, as in production.
const dingtalk = setupServer(
  http.get("https://api.dingtalk.com/v1.0/calendar/users/:userId/subscribedCalendars/:calendarId", ({ params, request }) =>
    request.headers.get("x-acs-dingtalk-access-token") === "test-token"
      ? HttpResponse.json({ calendarId: params.calendarId, name: "Team offsites" })
      : HttpResponse.json({ code: "InvalidAuthentication", message: "bad token" }, { status: 401 }),
  ),
);
beforeAll(() => dingtalk.listen({ onUnhandledRequest: "error" }));
afterEach(() => dingtalk.resetHandlers());
afterAll(() => dingtalk.close());

test("with MSW answering DingTalk's address", async () => {
  const element = document.createElement("p");
  await showCalendar(element, new CalendarClient({ accessToken: "test-token" }), "user-1", "cal-1");
  expect(element.textContent).toBe("Team offsites");
  await showCalendar(element, new CalendarClient({ accessToken: "wrong-token" }), "user-1", "cal-1");
  expect(element.textContent).toBe("DingTalk refused: InvalidAuthentication");
});
