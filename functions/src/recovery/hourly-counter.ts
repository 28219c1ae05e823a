import type { ThrottleRepository, ThrottleState } from "../auth/login-throttle";

const HOUR_MS = 60 * 60 * 1000;

/**
 * Counts one more event under `key` in a fixed one-hour window of the throttle store (the counter expires with
 * its window), and returns the count so far. The mail limits of recovery (reset mails per address and per
 * client, verification mails per account) all count this way.
 */
export async function countThisHour(counters: ThrottleRepository, key: string, now: Date): Promise<ThrottleState> {
  const state = await counters.update(key, (current) => {
    const fresh = !current || current.windowStart.getTime() + HOUR_MS <= now.getTime();
    const windowStart = fresh ? now : current.windowStart;
    return { count: fresh ? 1 : current.count + 1, windowStart, lockedUntil: null, expiresAt: new Date(windowStart.getTime() + HOUR_MS) };
  });
  return state!;
}

/** Seconds until the window of `state` ends (at least 1): the Retry-After of a refusal. */
export const secondsLeftThisHour = (state: ThrottleState, now: Date) =>
  Math.max(1, Math.ceil((state.windowStart.getTime() + HOUR_MS - now.getTime()) / 1000));
