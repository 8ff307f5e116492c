// The user's component: shows a calendar's name, or what went wrong, in `element`.
export async function showCalendar(element, client, userId, calendarId) {
  element.textContent = "loading";
  try {
    const calendar = await client.getSubscribedCalendar(userId, calendarId);
    element.textContent = calendar.name ?? calendar.calendarId;
  } catch (error) {
    element.textContent = error.kind === "api" ? `DingTalk refused: ${error.code}` : `failed: ${error.kind}`;
  }
}
