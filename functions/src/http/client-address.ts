import { BlockList, isIP } from "node:net";
import type { RequestHandler, Response } from "express";
import { AppError } from "../shared/errors";

/**
 * The client's address, as the trusted part of the chain in front of the function saw it.
 *
 * In production every request reaches the function through Google's front end (GFE), which appends to
 * `X-Forwarded-For` the address of the peer that connected to it, followed by its own entries; what is
 * left of those was written by whoever connected and is not verified. The peer is either the client
 * itself (a direct call to the function's own URL) or Firebase Hosting's CDN edge, which records the
 * client it served one entry further left. So: the peer is the entry `frontEndEntries` from the right;
 * when it lies in Hosting's edge ranges the client is the entry just left of it, otherwise the peer is
 * the client. A direct caller can write anything into the header, but never the entries GFE appends.
 * See docs/DECISIONS.md ("Edge of the API") and README ("Client addresses").
 */
export interface ClientAddressConfig {
  /** How many entries Google's front end appends, the first being the peer it saw (default 2). */
  frontEndEntries: number;
  /** CIDR ranges of Firebase Hosting's CDN edge (the peer of requests that came through Hosting). */
  hostingEdgeRanges: readonly string[];
  /** "allow": direct calls count under the address GFE saw; "refuse": they get 403. */
  directCalls: "allow" | "refuse";
}

/** Where a request's address came from. */
export type AddressPath = "hosting" | "direct" | "socket";

export interface ClientAddress {
  address: string;
  path: AddressPath;
}

export const DEFAULT_FRONT_END_ENTRIES = 2;

/** Parses `a.b.c.d/n, ...` (IPv4 or IPv6) into a BlockList; throws on a malformed entry. */
export function parseRanges(ranges: readonly string[]): BlockList {
  const list = new BlockList();
  for (const raw of ranges) {
    const range = raw.trim();
    if (!range) continue;
    const [net, bits] = range.split("/");
    const family = isIP(net);
    const prefix = Number(bits);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
      throw new Error(`HOSTING_EDGE_RANGES: "${range}" is not a CIDR range`);
    }
    list.addSubnet(net, prefix, family === 4 ? "ipv4" : "ipv6");
  }
  return list;
}

const stripMapped = (a: string) => (a.startsWith("::ffff:") && isIP(a.slice(7)) === 4 ? a.slice(7) : a);

function inRanges(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client address of one request (pure: headers in, address out). Without enough entries for
 * Google's front end (the local stack, in-process tests without the header), the socket's peer.
 */
export function resolveClientAddress(
  forwardedFor: string | undefined,
  socketAddress: string | undefined,
  config: ClientAddressConfig,
  edges: BlockList = parseRanges(config.hostingEdgeRanges),
): ClientAddress {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((e) => stripMapped(e.trim()))
    .filter((e) => e.length > 0);
  const peerIndex = entries.length - config.frontEndEntries;
  if (peerIndex < 0 || isIP(entries[peerIndex]) === 0) {
    return { address: stripMapped(socketAddress ?? "unknown"), path: "socket" };
  }
  const peer = entries[peerIndex];
  if (peerIndex > 0 && inRanges(edges, peer) && isIP(entries[peerIndex - 1]) !== 0) {
    return { address: entries[peerIndex - 1], path: "hosting" };
  }
  return { address: peer, path: "direct" };
}

/**
 * Resolves the address once per request (`res.locals.client`); with `directCalls: "refuse"`, a request
 * that did not come through Hosting's edge is refused with 403 before anything else runs.
 */
export function clientAddress(config: ClientAddressConfig): RequestHandler {
  const edges = parseRanges(config.hostingEdgeRanges);
  return (req, res, next) => {
    const client = resolveClientAddress(req.get("X-Forwarded-For"), req.socket.remoteAddress, config, edges);
    res.locals.client = client;
    if (config.directCalls === "refuse" && client.path === "direct") {
      next(new AppError("permission-denied", "Call the API through its Hosting address"));
      return;
    }
    next();
  };
}

/** The address clientAddress resolved for this request. */
export function clientOf(res: Response): ClientAddress {
  const client = res.locals.client as ClientAddress | undefined;
  return client ?? { address: "unknown", path: "socket" };
}
