// @ts-check
import { createServer } from "node:net";

/** A TCP port free on 127.0.0.1 right now (for the embedded servers: Redis, PostgreSQL). */
export async function freeLoopbackPort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const address = server.address();
  await new Promise((resolve) => server.close(() => resolve(undefined)));
  if (address === null || typeof address === "string") throw new Error("no free TCP port on 127.0.0.1");
  return address.port;
}
