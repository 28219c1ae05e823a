import type { UserDataEraser, UserDataExporter } from "../users/user-data-erasers";
import type { AccountTokenRepository } from "./recovery.service";

/** Account deletion: removes the user's pending (and used) mail-link tokens. */
export class AccountTokensEraser implements UserDataEraser {
  readonly name = "accountTokens";
  constructor(private readonly tokens: AccountTokenRepository) {}

  async erase(uid: string): Promise<void> {
    await this.tokens.deleteByUid(uid);
  }
}

/** GET /v1/me/export: the user's mail-link tokens, by purpose and dates (the tokens themselves are never stored). */
export class AccountTokensExporter implements UserDataExporter {
  readonly name = "accountTokens";
  constructor(private readonly tokens: AccountTokenRepository) {}

  async export(uid: string): Promise<unknown> {
    return (await this.tokens.listByUid(uid)).map((t) => ({
      purpose: t.purpose,
      createdAt: t.createdAt.toISOString(),
      expiresAt: t.expiresAt.toISOString(),
      usedAt: t.usedAt?.toISOString() ?? null,
    }));
  }
}
