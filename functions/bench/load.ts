import autocannon from "autocannon";

export interface LoadResult {
  url: string;
  connections: number;
  durationS: number;
  requests: number;
  non2xx: number;
  errors: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

/** Drives `url` with `connections` concurrent keep-alive connections for `durationS` seconds. */
export async function load(url: string, connections = 50, durationS = 10): Promise<LoadResult> {
  const r = await autocannon({ url, connections, duration: durationS });
  return {
    url,
    connections,
    durationS,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    rps: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
  };
}
