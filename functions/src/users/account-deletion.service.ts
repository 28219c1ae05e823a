import { describeError, log } from "../shared/logger";
import type { UserDataEraser } from "./user-data-erasers";

/** Progress of one account's deletion, in `accountDeletions/{uid}`. */
export interface DeletionProgress {
  status: "pending" | "done";
  /** Names of the erasers that finished. */
  erased: string[];
}

/** Storage of deletion requests and their progress (Firestore in account-deletion.repository.ts). */
export interface AccountDeletionRepository {
  progress(uid: string): Promise<DeletionProgress | undefined>;
  markErased(uid: string, eraser: string, at: Date): Promise<void>;
  markDone(uid: string, at: Date): Promise<void>;
}

/**
 * The account deletion cascade, run by the trigger on `accountDeletions/{uid}`. It runs every
 * registered eraser (USER_DATA_ERASERS in deps.ts), then the final ones that remove the account's own
 * tree, recording each completion. At-least-once delivery and retries are safe: finished erasers are
 * skipped, and every eraser is idempotent. A failing eraser stops the run with its error so the
 * trigger retries; the ones after it run on the retry.
 */
export class AccountDeletionCascade {
  constructor(
    private readonly repo: AccountDeletionRepository,
    private readonly erasers: readonly UserDataEraser[],
    private readonly finalErasers: readonly UserDataEraser[],
    private readonly now: () => Date = () => new Date(),
  ) {
    const names = [...erasers, ...finalErasers].map((e) => e.name);
    if (new Set(names).size !== names.length) throw new Error("user data erasers need unique names");
  }

  /** Runs the cascade for one deletion request; a no-op when it is done or was never filed. */
  async run(uid: string): Promise<void> {
    const progress = await this.repo.progress(uid);
    if (!progress || progress.status === "done") return;
    for (const eraser of [...this.erasers, ...this.finalErasers]) {
      if (progress.erased.includes(eraser.name)) continue;
      try {
        await eraser.erase(uid);
      } catch (e: unknown) {
        log.error("user data eraser failed", { uid, eraser: eraser.name, ...describeError(e) });
        throw e;
      }
      await this.repo.markErased(uid, eraser.name, this.now());
    }
    await this.repo.markDone(uid, this.now());
    log.info("account deleted", { uid, erasers: this.erasers.length + this.finalErasers.length });
  }
}
