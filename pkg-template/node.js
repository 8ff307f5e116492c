// Node (ES modules), Deno and Bun, and the server bundles made for Node (Next.js, Vite's SSR,
// Nitro): the CommonJS module that `require` loads (see index.cjs), so a program that both
// imports and requires the package gets one module.
import cjs from "./index.cjs";

export const { CalendarClient, DingTalkError, appAccessToken } = cjs;
