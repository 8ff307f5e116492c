// DingTalk's official SDK (@alicloud/dingtalk 2.2.27, calendar_1_0 and oauth2_1_0) against the
// mock: every call of the six and the token request, each answer parsed by the SDK's own
// models, each documented error in DingTalk's shape as the SDK reads it. The mock is what every
// other suite tests against, so this is what holds it to DingTalk. Run through with-mock.sh.
import { test, before } from "node:test";
import assert from "node:assert/strict";

import { installOfficialSdk, officialSdk } from "../../bench/lib/official-sdk.mjs";

const mock = process.env.DINGTALK_MOCK_URL;
if (!mock) throw new Error("run through scripts/with-mock.sh");

let sdk, calendar, oauth, runtime;
const headers = (Class) => new Class({ xAcsDingtalkAccessToken: "demo-access-token" });

before(() => {
  installOfficialSdk((what) => console.log(`# ${what}`));
  sdk = officialSdk();
  const config = () => new sdk.Config({ protocol: "http", regionId: "central", endpoint: new URL(mock).host });
  calendar = new sdk.Calendar.default(config());
  oauth = new sdk.OAuth.default(config());
  runtime = new sdk.RuntimeOptions({ autoretry: false });
});

async function reset() {
  assert.equal((await fetch(`${mock}/__mock/reset`, { method: "POST" })).status, 200);
}

/** What the SDK threw for a DingTalk error: its status, code, message and request id. */
async function refusal(promise) {
  const error = await promise.then(() => assert.fail("expected DingTalk's error"), (e) => e);
  assert.match(error.data?.requestid ?? "", /^[0-9A-F-]{36}$/, "the body's requestid, as the SDK reads it");
  return [error.statusCode, error.code, error.data.message];
}

test("the six calls through the SDK: create, update, get, subscribe, unsubscribe, delete", async () => {
  await reset();
  const { Calendar } = sdk;
  const scope = new Calendar.CreateSubscribedCalendarRequestSubscribeScope({ corpIds: ["ding-corp-acme"] });
  const create = new Calendar.CreateSubscribedCalendarRequest({ name: "Release train", managers: ["user-bob"], subscribeScope: scope });
  const created = await calendar.createSubscribedCalendarWithOptions("user-alice", create, headers(Calendar.CreateSubscribedCalendarHeaders), runtime);
  assert.equal(created.statusCode, 200);
  assert.ok(created.body instanceof Calendar.CreateSubscribedCalendarResponseBody);
  const id = created.body.calendarId;
  assert.equal(id, "cal-new-1");

  // The SDK's update takes (calendarId, userId), in that order.
  const update = new Calendar.UpdateSubscribedCalendarsRequest({ description: "Every other Tuesday" });
  const updated = await calendar.updateSubscribedCalendarsWithOptions(id, "user-bob", update, headers(Calendar.UpdateSubscribedCalendarsHeaders), runtime);
  assert.equal(updated.body.result, true);

  const got = await calendar.getSubscribedCalendarWithOptions("user-alice", id, headers(Calendar.GetSubscribedCalendarHeaders), runtime);
  assert.deepEqual(
    [got.body.calendarId, got.body.name, got.body.description, got.body.author, got.body.managers, got.body.subscribeScope?.corpIds],
    [id, "Release train", "Every other Tuesday", "user-alice", ["user-bob"], ["ding-corp-acme"]],
  );

  const subscribed = await calendar.subscribeCalendarWithOptions("user-bob", id, headers(Calendar.SubscribeCalendarHeaders), runtime);
  assert.deepEqual([subscribed.statusCode, subscribed.body], [200, undefined], "200 and no body");
  const left = await calendar.unsubscribeCalendarWithOptions("user-bob", id, headers(Calendar.UnsubscribeCalendarHeaders), runtime);
  assert.equal(left.body.result, true);
  const deleted = await calendar.deleteSubscribedCalendarWithOptions("user-alice", id, headers(Calendar.DeleteSubscribedCalendarHeaders), runtime);
  assert.equal(deleted.body.result, true);
});

test("the documented errors, as the SDK reads them", async () => {
  await reset();
  const { Calendar } = sdk;
  const createWith = (fields) =>
    calendar.createSubscribedCalendarWithOptions("user-alice", new Calendar.CreateSubscribedCalendarRequest(fields), headers(Calendar.CreateSubscribedCalendarHeaders), runtime);
  const acme = new Calendar.CreateSubscribedCalendarRequestSubscribeScope({ corpIds: ["ding-corp-acme"] });
  const globex = new Calendar.CreateSubscribedCalendarRequestSubscribeScope({ corpIds: ["ding-corp-globex"] });
  assert.deepEqual(await refusal(createWith({ name: " ", subscribeScope: acme })), [400, "invalidParameter", "calendar name cannot be blank"]);
  assert.deepEqual(await refusal(createWith({ name: "n".repeat(128), subscribeScope: acme })), [400, "invalidParameter", "calendar name length must less than 128"]);
  assert.deepEqual(await refusal(createWith({ name: "x" })), [400, "invalidParameter", "subscribe range cannot be null"]);
  assert.deepEqual(await refusal(createWith({ name: "x", subscribeScope: globex })), [400, "invalidParameter", "current user must in range"]);

  const update = new Calendar.UpdateSubscribedCalendarsRequest({ name: "x" });
  assert.deepEqual(
    await refusal(calendar.updateSubscribedCalendarsWithOptions("cal-public-holidays", "user-carol", update, headers(Calendar.UpdateSubscribedCalendarsHeaders), runtime)),
    [403, "permissionDenied", "permission denied"],
  );
  const subscribe = (user, id) => calendar.subscribeCalendarWithOptions(user, id, headers(Calendar.SubscribeCalendarHeaders), runtime);
  assert.deepEqual(await refusal(subscribe("user-erin", "cal-public-holidays")), [400, "permissionDenied", "The user is not within the subscription scope"]);
  assert.deepEqual(await refusal(subscribe("user-alice", "cal-alice-primary")), [400, "invalidParameter", "calendar type invalid"]);
  assert.deepEqual(
    await refusal(calendar.getSubscribedCalendarWithOptions("user-erin", "cal-public-holidays", headers(Calendar.GetSubscribedCalendarHeaders), runtime)),
    [403, "permissionDenied", "permission denied"],
  );
  const stranger = new Calendar.GetSubscribedCalendarHeaders({ xAcsDingtalkAccessToken: "not-a-token" });
  assert.deepEqual(
    await refusal(calendar.getSubscribedCalendarWithOptions("user-alice", "cal-public-holidays", stranger, runtime)),
    [400, "InvalidAuthentication", "Access token is invalid or missing"],
  );
});

test("the token request through the SDK: the same token while it lives, DingTalk's code for wrong credentials", async () => {
  await reset();
  const { OAuth } = sdk;
  const ask = (appSecret) => oauth.getAccessTokenWithOptions(new OAuth.GetAccessTokenRequest({ appKey: "demo-app-key", appSecret }), {}, runtime);
  const first = await ask("demo-app-secret-not-for-production");
  assert.ok(first.body instanceof OAuth.GetAccessTokenResponseBody);
  assert.equal(first.body.expireIn, 7200);
  const again = await ask("demo-app-secret-not-for-production");
  assert.equal(again.body.accessToken, first.body.accessToken);
  assert.deepEqual(await refusal(ask("wrong")), [400, "invalidClientIdOrSecret", "invalid clientId or clientSecret"]);
});
