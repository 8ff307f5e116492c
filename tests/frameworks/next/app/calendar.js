"use client";
// A client component: the client runs in the browser and calls DingTalk (here the mock, whose
// URL the test passes as ?mock=) with a token the page was given.
import { useEffect, useState } from "react";
import { CalendarClient } from "dingtalk-calendar";

export default function Calendar() {
  const [text, setText] = useState("not loaded");
  // Set once React has hydrated the button: a click before that would be lost.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  async function load() {
    const baseUrl = new URLSearchParams(window.location.search).get("mock");
    const client = new CalendarClient({ accessToken: "demo-access-token", baseUrl });
    try {
      const calendar = await client.getSubscribedCalendar("user-alice", "cal-public-holidays");
      setText(calendar.name);
    } catch (error) {
      setText(`${error.kind}: ${error.message}`);
    }
  }
  return (
    <p>
      <button id="load" data-hydrated={hydrated} onClick={load}>Load</button> <output id="result">{text}</output>
    </p>
  );
}
