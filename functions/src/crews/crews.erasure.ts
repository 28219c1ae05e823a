import type { UserDataEraser, UserDataExporter } from "../users/user-data-erasers";
import type { CrewsService } from "./crews.service";

/** Account deletion: the person leaves every crew and declines every invitation (empty crews go with their memory). */
export class CrewsEraser implements UserDataEraser {
  readonly name = "crews";
  constructor(private readonly crews: Pick<CrewsService, "eraseUser">) {}

  async erase(uid: string): Promise<void> {
    await this.crews.eraseUser(uid);
  }
}

/** GET /v1/me/export: the crews the person is in or invited to, with the history of those they are in. */
export class CrewsExporter implements UserDataExporter {
  readonly name = "crews";
  constructor(private readonly crews: Pick<CrewsService, "exportUser">) {}

  export(uid: string): Promise<unknown> {
    return this.crews.exportUser(uid);
  }
}
