import { expect, inject, test } from "vitest";
import { CalendarClient } from "dingtalk-calendar";

import { showCalendar } from "../src/calendar-card.js";

// In a real browser (Vitest's browser mode): the package's browser build, its .wasm fetched as
// the page would.
test("with a stubbed fetch, in the browser", async () => {
  const element = document.createElement("p");
  const client = new CalendarClient({
    accessToken: "test-token",
    fetch: async () => Response.json({ calendarId: "cal-1", name: "Team offsites" }),
  });
  await showCalendar(element, client, "user-1", "cal-1");
  expect(element.textContent).toBe("Team offsites");
});

test("against the mock, from the browser", async () => {
  const element = document.createElement("p");
  const client = new CalendarClient({ accessToken: "demo-access-token", baseUrl: inject("mockUrl") });
  await showCalendar(element, client, "user-alice", "cal-public-holidays");
  expect(element.textContent).toBe("Public Holidays");
});
