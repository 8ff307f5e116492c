// One Node program that reaches the package both ways, as an app whose parts were written at
// different times does: `require` here, `import()` there, and a second copy of the package
// installed under another name (two versions in one node_modules). Each error must be an
// `instanceof DingTalkError` of every copy, and a subclass keeps the ordinary check.
const required = require("dingtalk-calendar");
const copy = require("dingtalk-calendar-copy");

async function errorFrom(module) {
  const client = new module.CalendarClient({ accessToken: "demo-access-token" });
  return client.getSubscribedCalendar("", "cal-public-holidays").catch((e) => e);
}

async function main() {
  const imported = await import("dingtalk-calendar");
  const fromRequire = await errorFrom(required);
  const fromImport = await errorFrom(imported);
  const fromCopy = await errorFrom(copy);
  class MyError extends required.DingTalkError {}
  const mine = new MyError("mine", { kind: "api" });
  console.log(
    JSON.stringify({
      oneClassInNode: required.DingTalkError === imported.DingTalkError,
      oneClientInNode: required.CalendarClient === imported.CalendarClient,
      requireErrorIsImportClass: fromRequire instanceof imported.DingTalkError,
      importErrorIsRequireClass: fromImport instanceof required.DingTalkError,
      copyErrorIsOurClass: fromCopy instanceof required.DingTalkError,
      ourErrorIsCopyClass: fromRequire instanceof copy.DingTalkError,
      copyIsAnotherClass: copy.DingTalkError !== required.DingTalkError,
      stillAnError: fromCopy instanceof Error,
      kinds: [fromRequire.kind, fromImport.kind, fromCopy.kind],
      subclassIsDingTalkError: mine instanceof required.DingTalkError && mine instanceof copy.DingTalkError,
      subclassCheckStaysOrdinary: !(fromRequire instanceof MyError) && mine instanceof MyError,
      notBranded: !(new Error("x") instanceof required.DingTalkError) && !(null instanceof copy.DingTalkError),
    }),
  );
}

main();
