// What a developer would write instead: one GET with fetch, the id percent-encoded, the token
// header, redirects not followed, the body parsed. `timeoutMs` adds what ours always has, a
// per-attempt timeout (AbortController + setTimeout). No retries, no typed errors.
export function handWrittenClient({ baseUrl, accessToken, fetch = globalThis.fetch, timeoutMs }) {
  return {
    async getSubscribedCalendar(userId, calendarId) {
      const url = calendarUrl(baseUrl, userId, calendarId);
      const controller = timeoutMs === undefined ? undefined : new AbortController();
      const timer = controller && setTimeout(() => controller.abort(), timeoutMs);
      try {
        const request = new Request(url, { headers: { "x-acs-dingtalk-access-token": accessToken }, redirect: "manual", signal: controller?.signal });
        const response = await fetch(request);
        const body = JSON.parse(await response.text());
        if (!response.ok) throw Object.assign(new Error(body.message), body);
        return body;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** The GET's URL, each id percent-encoded. */
export function calendarUrl(baseUrl, userId, calendarId) {
  return `${baseUrl}/v1.0/calendar/users/${encodeURIComponent(userId)}/subscribedCalendars/${encodeURIComponent(calendarId)}`;
}

/** fetch replaced by an in-process stub: a ready Response with the calendar, no I/O. */
export const CALENDAR_JSON = JSON.stringify({
  calendarId: "cal-public-holidays",
  name: "Public Holidays",
  description: "Public holidays and make-up working days",
  author: "user-alice",
  managers: ["user-alice", "user-bob"],
  subscribeScope: { unionIds: ["user-carol"], openConversationIds: ["cid-team-chat"], corpIds: ["ding-corp-acme"] },
});
export const stubFetch = async () => new Response(CALENDAR_JSON, { status: 200, headers: { "content-type": "application/json" } });
