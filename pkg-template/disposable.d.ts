
// `using client = new CalendarClient(…)` frees the client's wasm memory at the end of the scope
// (TypeScript 5.2+ with the esnext.disposable lib). For projects without that lib, the symbol is
// declared here the way @types/node declares it, so the `[Symbol.dispose]` members above compile
// everywhere; the declarations merge with the lib's where both are loaded.
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}
