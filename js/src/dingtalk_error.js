// The error every CalendarClient call rejects with. It is a JS class, not a Rust one, so that it
// really extends Error: `instanceof Error`, a stack trace, and the original failure as `cause`.

// Shared by every copy of the package (two versions in node_modules, a bundle and a CDN copy):
// `instanceof DingTalkError` checks this brand, not which copy made the error.
const BRAND = Symbol.for("dingtalk-calendar.DingTalkError");
const KINDS = "invalidArgument api throttled auth network timeout aborted decode".split(" ");

export class DingTalkError extends Error {
  constructor(message, fields) {
    const init = fields || {};
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    if (init.status !== undefined) this.status = init.status;
    if (init.code !== undefined) this.code = init.code;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    this.retryable = init.retryable === true;
    this.attempts = init.attempts | 0;
  }

  // A subclass keeps the ordinary prototype check; DingTalkError itself checks the brand.
  static [Symbol.hasInstance](value) {
    if (this !== DingTalkError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return value !== null && typeof value === "object" && value[BRAND] === true;
  }

  // For test doubles of a caller's own code: an error of `init.kind` with the fields given.
  static from(init) {
    const kind = init?.kind;
    if (!KINDS.includes(kind)) throw new TypeError(`DingTalkError.from: no kind ${kind}`);
    return new DingTalkError(typeof init.message === "string" ? init.message : kind, init);
  }

  // `JSON.stringify(error)` keeps the message and name, which Error leaves out.
  toJSON() {
    const { kind, status, code, requestId, retryable, attempts } = this;
    return { name: this.name, message: this.message, kind, status, code, requestId, retryable, attempts };
  }
}
DingTalkError.prototype.name = "DingTalkError";
Object.defineProperty(DingTalkError.prototype, BRAND, { value: true });

// wasm-bindgen's methods throw synchronously when called without their object
// (`const f = client.getSubscribedCalendar; f(u, c)`) or after `free()`. A CalendarClient call
// never throws: the package's entries call this once on the class, and each method then turns
// such a throw into a rejected DingTalkError.
export function rejectInsteadOfThrowing(Client) {
  for (const name of ["getSubscribedCalendar", "deleteSubscribedCalendar", "unsubscribeCalendar"]) {
    const method = Client.prototype[name];
    Client.prototype[name] = function (...args) {
      try {
        return method.apply(this, args);
      } catch (cause) {
        const why = this instanceof Client ? "on a freed client" : "without its client (detached)";
        return Promise.reject(new DingTalkError(`${name} was called ${why}`, { kind: "invalidArgument", cause }));
      }
    };
  }
}
