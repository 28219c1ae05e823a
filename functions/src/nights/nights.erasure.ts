import type { UserDataEraser } from "../users/user-data-erasers";
import type { NightsService } from "./nights.service";

/** Account deletion: the person leaves every movie night (the host role handed over, empty rooms closed) and their swipes go. */
export class NightsEraser implements UserDataEraser {
  readonly name = "nights";
  constructor(private readonly nights: Pick<NightsService, "eraseUser">) {}

  async erase(uid: string): Promise<void> {
    await this.nights.eraseUser(uid);
  }
}
