import type { UserDataEraser, UserDataExporter } from "../users/user-data-erasers";
import type { MailRepository } from "./mail.service";

/** Account deletion: removes every message about the user from the outbox, delivered or still queued. */
export class MailEraser implements UserDataEraser {
  readonly name = "mail";
  constructor(private readonly mail: MailRepository) {}

  async erase(uid: string): Promise<void> {
    await this.mail.deleteByUid(uid);
  }
}

/** GET /v1/me/export: which messages about the user the outbox holds (kind, date, state; never bodies, which carry live links). */
export class MailExporter implements UserDataExporter {
  readonly name = "mail";
  constructor(private readonly mail: MailRepository) {}

  async export(uid: string): Promise<unknown> {
    return (await this.mail.listByUid(uid)).map((m) => ({ id: m.id, kind: m.kind, createdAt: m.createdAt.toISOString(), state: m.state }));
  }
}
