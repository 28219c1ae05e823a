import { AppError } from "./errors";

/** Whose budget a request spends: the signed-in person, the client's address, the email in the body. */
export type LimitSubject = "user" | "ip" | "email";

/** At most `limit` requests per `windowSeconds` (fixed windows aligned to multiples of their length). */
export interface Budget {
  limit: number;
  windowSeconds: number;
}

/** The budgets of one route group, per subject; a subject without a budget is not counted. */
export type GroupBudgets = Partial<Record<LimitSubject, Budget>>;

/** One counter as stored. */
export interface CounterState {
  count: number;
  windowStart: Date;
}

/** One key to count this request against. */
export interface CounterKey {
  /** Opaque, already hashed: never an address or an email. */
  id: string;
  windowSeconds: number;
}

/**
 * Shared storage of the counters (Firestore in rate-limit.repository.ts, memory in tests). `increment`
 * counts one request against every key atomically and returns each key's state after counting.
 */
export interface RateLimitStore {
  increment(keys: readonly CounterKey[], now: Date): Promise<CounterState[]>;
}

/** What a check tells the client: the tightest policy and how much of it is left. */
export interface LimitReport {
  /** IETF draft `RateLimit-Policy` value, e.g. `"write-user";q=120;w=60`. */
  policy: string;
  /** IETF draft `RateLimit` value, e.g. `"write-user";r=119;t=60`. */
  remaining: string;
}

/**
 * Parses a group's budgets from a param: `user=120/60,ip=600/60,email=5/3600` (count per seconds);
 * `off` or an empty string means no budget. Throws on anything else, so a typo fails the instance loudly.
 */
export function parseBudgets(name: string, text: string): GroupBudgets {
  const out: GroupBudgets = {};
  const trimmed = text.trim();
  if (trimmed === "" || trimmed === "off") return out;
  for (const part of trimmed.split(",")) {
    const m = /^\s*(user|ip|email)\s*=\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(part);
    if (!m || Number(m[3]) < 1) throw new Error(`${name}: expected entries like "ip=100/60", got "${part.trim()}"`);
    out[m[1] as LimitSubject] = { limit: Number(m[2]), windowSeconds: Number(m[3]) };
  }
  return out;
}

/** A memory of keys already over budget, so a flood past its budget costs no storage operation. */
const OVER_BUDGET_MEMORY = 10_000;

/**
 * Per-group request budgets over a shared store. A request is counted against every subject its group
 * budgets (the caller, the address, the email given); when any is over, it is refused with
 * `resource-exhausted` and the seconds until that window ends. Keys known to be over budget are
 * remembered by the instance until their window ends, so refusing a flood costs nothing.
 */
export class RateLimiter {
  private readonly overBudget = new Map<string, { until: number; report: LimitReport }>();

  constructor(
    private readonly store: RateLimitStore,
    private readonly budgets: Readonly<Record<string, GroupBudgets>>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The group's budgets (for the contract and the policy header); empty when the group has none. */
  budgetsOf(group: string): GroupBudgets {
    return this.budgets[group] ?? {};
  }

  /**
   * Counts one request of `group` for the given subjects (hashed ids; absent subjects are skipped).
   * Returns the report of the tightest budget, or throws `resource-exhausted` when one is spent.
   */
  async check(group: string, subjects: Partial<Record<LimitSubject, string>>): Promise<LimitReport | undefined> {
    const budgets = this.budgetsOf(group);
    const entries = (Object.keys(budgets) as LimitSubject[])
      .filter((s) => subjects[s] !== undefined)
      .map((s) => ({ subject: s, budget: budgets[s] as Budget, id: `${group}:${s}:${subjects[s]}` }));
    if (entries.length === 0) return undefined;
    const now = this.now();
    for (const e of entries) {
      const known = this.overBudget.get(e.id);
      if (known && known.until > now.getTime()) throw tooMany(known.report, known.until, now);
      if (known) this.overBudget.delete(e.id);
    }
    const states = await this.store.increment(
      entries.map((e) => ({ id: e.id, windowSeconds: e.budget.windowSeconds })),
      now,
    );
    let tightest: { report: LimitReport; left: number; resetAt: number } | undefined;
    for (const [i, e] of entries.entries()) {
      const state = states[i];
      const resetAt = state.windowStart.getTime() + e.budget.windowSeconds * 1000;
      const left = Math.max(0, e.budget.limit - state.count);
      const name = `${group}-${e.subject}`;
      const report = {
        policy: `"${name}";q=${e.budget.limit};w=${e.budget.windowSeconds}`,
        remaining: `"${name}";r=${left};t=${secondsUntil(resetAt, now)}`,
      };
      if (state.count > e.budget.limit) {
        this.remember(e.id, resetAt, report);
        throw tooMany(report, resetAt, now);
      }
      if (!tightest || left < tightest.left) tightest = { report, left, resetAt };
    }
    return tightest?.report;
  }

  private remember(id: string, until: number, report: LimitReport): void {
    if (this.overBudget.size >= OVER_BUDGET_MEMORY) this.overBudget.clear();
    this.overBudget.set(id, { until, report });
  }
}

const secondsUntil = (at: number, now: Date) => Math.max(1, Math.ceil((at - now.getTime()) / 1000));

/** The refusal: 429 with Retry-After, and the policy headers in `details.rateLimit` for the HTTP edge. */
function tooMany(report: LimitReport, until: number, now: Date): AppError {
  return new AppError("resource-exhausted", "Too many requests; retry later", {
    retryAfterSeconds: secondsUntil(until, now),
    headers: { "RateLimit-Policy": report.policy, RateLimit: report.remaining.replace(/r=\d+/, "r=0") },
  });
}

/** Counters in memory, for unit tests and benchmarks (one instance's view only). */
export class InMemoryRateLimitStore implements RateLimitStore {
  readonly counters = new Map<string, CounterState>();
  operations = 0;

  async increment(keys: readonly CounterKey[], now: Date): Promise<CounterState[]> {
    this.operations += 1;
    return keys.map((k) => {
      const ms = k.windowSeconds * 1000;
      const windowStart = new Date(Math.floor(now.getTime() / ms) * ms);
      const cur = this.counters.get(k.id);
      const next =
        cur && cur.windowStart.getTime() === windowStart.getTime() ? { count: cur.count + 1, windowStart } : { count: 1, windowStart };
      this.counters.set(k.id, next);
      return { ...next };
    });
  }
}
