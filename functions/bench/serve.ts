import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import type { RegisteredUser } from "../test/helpers/accounts";

/** A signed-in JSON call to the served API: the parsed body, or an error naming the status. */
type ApiCall = (user: RegisteredUser, method: string, url: string, body?: object) => Promise<Record<string, unknown>>;

/** Serves an app on a free local port for a benchmark, with a signed-in JSON caller. */
export async function serveApp(app: Express): Promise<{ origin: string; call: ApiCall; close: () => void }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call: ApiCall = async (user, method, url, body) => {
    const res = await fetch(`${origin}/v1${url}`, {
      method,
      headers: { Authorization: `Bearer ${user.accessToken}`, "Content-Type": "application/json" },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = res.status === 204 ? undefined : await res.json();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(json)}`);
    return json as Record<string, unknown>;
  };
  return { origin, call, close: () => server.close() };
}
