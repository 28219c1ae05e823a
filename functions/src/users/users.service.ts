import type { Reauthentication } from "../auth/auth.service";
import { AppError } from "../shared/errors";
import { log } from "../shared/logger";
import type { UserDataExporter } from "./user-data-erasers";
import type { UserRepository } from "./users.repository";
import { toUserView, type UpdateMeInput, type UserExport, type UserRecord, type UserView } from "./users.schema";

/** Checks proof of a recent sign-in (the auth service implements it). */
export interface Reauthenticator {
  reauthenticate(uid: string, proof: Reauthentication): Promise<void>;
}

/** The signed-in user's own account: profile, preferences, export and deletion. */
export class UsersService {
  constructor(
    private readonly users: UserRepository,
    private readonly reauth: Reauthenticator,
    private readonly exporters: readonly UserDataExporter[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  async getMe(uid: string): Promise<UserView> {
    return toUserView(await this.require(uid));
  }

  async updateMe(uid: string, change: UpdateMeInput): Promise<UserView> {
    const user = await this.users.updateProfile(uid, change, this.now());
    log.info("profile updated", { uid, fields: Object.keys(change) });
    return toUserView(user);
  }

  /** Everything the user gave us, as JSON: the account, then each domain's exporter. */
  async exportMe(uid: string): Promise<UserExport> {
    const user = await this.require(uid);
    const data: Record<string, unknown> = {};
    for (const exporter of this.exporters) data[exporter.name] = await exporter.export(uid);
    log.info("data exported", { uid, sections: this.exporters.length });
    return { exportedAt: this.now().toISOString(), account: { ...toUserView(user), updatedAt: user.updatedAt.toISOString() }, data };
  }

  /**
   * Deletes the account after checking proof of a recent sign-in. The account disappears at once
   * (its tokens stop working, its handle and email are free); a Firestore-triggered cascade then
   * erases everything else the user owns.
   */
  async deleteMe(uid: string, proof: Reauthentication): Promise<void> {
    await this.reauth.reauthenticate(uid, proof);
    const deleted = await this.users.deleteAccount(uid, this.now());
    if (!deleted) throw new AppError("not-found", "The account no longer exists");
    log.info("account deletion requested", { uid });
  }

  private async require(uid: string): Promise<UserRecord> {
    const user = await this.users.findById(uid);
    if (!user) throw new AppError("not-found", "The account no longer exists");
    return user;
  }
}
