// The error every CalendarClient call rejects with. It is a JS class, not a Rust one, so that it
// really extends Error: `instanceof Error`, a stack trace, and the original failure as `cause`.
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

  // `JSON.stringify(error)` keeps the message and name, which Error leaves out.
  toJSON() {
    const { kind, status, code, requestId, retryable, attempts } = this;
    return { name: this.name, message: this.message, kind, status, code, requestId, retryable, attempts };
  }
}
DingTalkError.prototype.name = "DingTalkError";
