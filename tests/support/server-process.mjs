// A framework's own server (`next start`, adapter-node's `node build`) started for a test on a
// loopback port and always stopped: resolves once it prints `ready`, with what it printed.
import { spawn } from "node:child_process";
import { createServer } from "node:net";

/** A loopback port nothing listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
    probe.on("error", reject);
  });
}

/**
 * Runs `command` with `args` until stopped; resolves to `{ url, output(), stop() }` once its
 * output matches `ready`, whose first group is the port (else `port` is used).
 */
export async function startServer(command, args, { cwd, env, ready, port }) {
  const server = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} did not get ready: ${output}`)), 60_000);
    const read = (chunk) => {
      output += chunk;
      const found = ready.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${found[1] ?? port}`);
      }
    };
    server.stdout.on("data", read);
    server.stderr.on("data", (chunk) => (output += chunk));
    server.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited with ${code}: ${output}`));
    });
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once("exit", resolve);
        server.kill();
      }),
  };
}
