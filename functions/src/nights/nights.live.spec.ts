import assert from "node:assert/strict";
import { LiveRoomPublisher, type LiveViewStore, type ProgressPublication, liveViewOf, sameView } from "./nights.live";
import type { StoredNight } from "./nights.schema";

const at = new Date(0);
const room = (over: Partial<StoredNight> = {}): StoredNight => ({
  name: "Friday",
  hostUid: "a",
  memberUids: ["a", "b"],
  invitedUids: ["x"],
  state: "started",
  code: null,
  rule: { kind: "unanimous" },
  deckSize: 10,
  endOnFirstMatch: false,
  filters: { genres: [], yearFrom: null, yearTo: null },
  deck: [1, 2, 3],
  matches: [],
  watched: [],
  progress: { a: 2, b: 0 },
  createdAt: at,
  startedAt: at,
  closedAt: null,
  closedReason: null,
  lastActivityAt: at,
  crewId: null,
  startsAt: null,
  answers: {},
  remindedAt: null,
  ...over,
});

/**
 * The store's decision rule over one room and its view in memory, on a clock the test moves: the view
 * lags when it differs from the room; it is written when the last write is at least the interval old.
 */
class MemoryLiveStore implements LiveViewStore {
  view?: { shown: ReturnType<typeof liveViewOf>; publishedAt: number };
  writes = 0;
  readonly writtenAt: number[] = [];
  constructor(public night: StoredNight) {}

  async publishProgress(_nightId: string, now: Date, minIntervalMs: number): Promise<ProgressPublication> {
    const shown = liveViewOf(this.night);
    if (this.view && sameView(this.view.shown, shown)) return { outcome: "current" };
    const waitMs = this.view ? this.view.publishedAt + minIntervalMs - now.getTime() : 0;
    if (waitMs > 0) return { outcome: "wait", waitMs };
    this.view = { shown, publishedAt: now.getTime() };
    this.writes++;
    this.writtenAt.push(now.getTime());
    return { outcome: "published" };
  }
}

describe("the live view of a movie night", () => {
  it("shows members, progress, matches and state, and nobody's swipes, code, deck, invitations or filters", () => {
    const view = liveViewOf(room({ matches: [{ movieId: 2, likes: 2, matchedAt: at }] }));
    assert.deepEqual(view, {
      name: "Friday",
      state: "started",
      hostUid: "a",
      memberUids: ["a", "b"],
      members: [
        { uid: "a", swiped: 2 },
        { uid: "b", swiped: 0 },
      ],
      deckLength: 3,
      matches: [{ movieId: 2, likes: 2, matchedAt: at }],
      watched: [],
      startedAt: at,
      closedAt: null,
      closedReason: null,
    });
    assert.ok(sameView(liveViewOf(room()), liveViewOf(room({ invitedUids: ["y"], lastActivityAt: new Date(5) }))));
    assert.ok(!sameView(liveViewOf(room()), liveViewOf(room({ progress: { a: 3, b: 0 } }))));
  });

  describe("LiveRoomPublisher", () => {
    const setup = () => {
      let clock = 10_000;
      const waits: number[] = [];
      const store = new MemoryLiveStore(room());
      const publisher = new LiveRoomPublisher(
        store,
        () => new Date(clock),
        async (ms) => {
          waits.push(ms);
          clock += ms;
        },
        1000,
      );
      return { store, publisher, waits, advance: (ms: number) => (clock += ms) };
    };

    it("publishes the first progress at once and finds the view current on a repeat (a redelivered event)", async () => {
      const { store, publisher, waits } = setup();
      assert.equal(await publisher.publishProgress("n"), "published");
      assert.equal(await publisher.publishProgress("n"), "current");
      assert.equal(store.writes, 1);
      assert.deepEqual(waits, []);
    });

    it("holds progress arriving within the interval until it has passed, then publishes it once", async () => {
      const { store, publisher, waits, advance } = setup();
      await publisher.publishProgress("n");
      advance(300);
      store.night = room({ progress: { a: 3, b: 0 } });
      const first = publisher.publishProgress("n");
      const second = publisher.publishProgress("n");
      assert.deepEqual(await Promise.all([first, second]), ["published", "current"]);
      assert.deepEqual(waits, [700, 700]);
      assert.equal(store.writes, 2);
      assert.equal(store.view?.shown.members[0]?.swiped, 3);
    });

    it("writes at most once per interval under a stream of swipes, and ends showing the last one", async () => {
      const { store, publisher, advance } = setup();
      const runs: Array<Promise<unknown>> = [];
      for (let i = 1; i <= 50; i++) {
        store.night = room({ progress: { a: i, b: i } });
        runs.push(publisher.publishProgress("n")); // trigger runs overlap, as they do in production
        advance(100); // ten swipes a second
      }
      await Promise.all(runs);
      const gaps = store.writtenAt.slice(1).map((t, i) => t - store.writtenAt[i]!);
      assert.ok(
        gaps.every((g) => g >= 1000),
        `writes ${gaps.join(", ")} ms apart`,
      );
      assert.ok(store.writes < 50);
      assert.equal(store.view?.shown.members[0]?.swiped, 50);
    });

    it("does nothing for a room that is gone", async () => {
      const publisher = new LiveRoomPublisher({ publishProgress: async () => ({ outcome: "no-room" }) });
      assert.equal(await publisher.publishProgress("n"), "no-room");
    });
  });
});
