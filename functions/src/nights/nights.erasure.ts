import type { UserDataEraser, UserDataExporter } from "../users/user-data-erasers";
import type { NightsService } from "./nights.service";

/** Account deletion: the person leaves every movie night (the host role handed over, empty rooms closed) and their swipes go. */
export class NightsEraser implements UserDataEraser {
  readonly name = "nights";
  constructor(private readonly nights: Pick<NightsService, "eraseUser">) {}

  async erase(uid: string): Promise<void> {
    await this.nights.eraseUser(uid);
  }
}

/**
 * GET /v1/me/export: the nights the person is in or invited to (scheduled ones with their answer), their
 * swipes in any room, and their invitations.
 */
export class NightsExporter implements UserDataExporter {
  readonly name = "nights";
  constructor(private readonly nights: Pick<NightsService, "exportUser">) {}

  export(uid: string): Promise<unknown> {
    return this.nights.exportUser(uid);
  }
}
