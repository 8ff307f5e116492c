// The framework tests' page that makes one call: a #load button that, once the page is
// hydrated, asks the client for a calendar (from the mock whose URL the page gets as ?mock=) and
// shows its name, or the error, in #result.

/** Opens the page, clicks #load once `hydrated` (a script) says so, and returns #result's text. */
export async function loadTheCalendar(browser, serverUrl, mock, hydrated) {
  await browser.goto(`${serverUrl}/?mock=${encodeURIComponent(mock)}`);
  await browser.waitFor(hydrated, "the page hydrated");
  await browser.click("#load");
  return browser.waitFor(
    "const t = document.querySelector('#result')?.textContent; return t && t !== 'not loaded' ? t : null",
    "#result",
  );
}
