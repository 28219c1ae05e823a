import { FieldPath, type Firestore } from "firebase-admin/firestore";
import { requireAccountIn } from "../shared/account-guard";
import { COLLECTIONS, SUBCOLLECTIONS } from "../shared/collections";
import { readDoc, readPage } from "../shared/firestore";
import type { CursorPosition } from "../shared/pagination";
import {
  type StoredCrew,
  type StoredHistoryEntry,
  type StoredVeto,
  historyDocId,
  storedCrewSchema,
  storedHistorySchema,
  storedVetoSchema,
} from "./crews.schema";

/** What a crew change writes: the new crew, null to delete it (the last member left), absent for nothing. */
export interface CrewChange<T> {
  result: T;
  crew?: StoredCrew | null;
}

/** A page of stored records with their ids. */
export interface StoredPage<T> {
  items: Array<{ id: string; data: T }>;
  next?: CursorPosition;
}

/** Crews, their vetoes and their history. */
export interface CrewsRepository {
  /** Creates a crew (refused when the owner's account is gone). */
  create(crewId: string, crew: StoredCrew): Promise<void>;
  get(crewId: string): Promise<StoredCrew | undefined>;
  /** Changes a crew in one transaction: `decide` sees it (with `actorUid`, refuses when that account is gone) and throws to refuse. */
  change<T>(crewId: string, actorUid: string | undefined, decide: (crew: StoredCrew | undefined) => CrewChange<T>): Promise<T>;
  /** A page of the crews `uid` is a member of, newest first. */
  listOf(uid: string, after: CursorPosition | undefined, limit: number): Promise<StoredPage<StoredCrew>>;
  /** Every crew `uid` is a member of or invited to (account deletion and export). */
  allOf(uid: string): Promise<Array<{ id: string; crew: StoredCrew }>>;
  /** Records a veto (the same film again moves its end; deterministic document: safe to repeat). */
  putVeto(crewId: string, veto: StoredVeto): Promise<void>;
  /** Vetoes still in force at `now`. */
  vetoesAfter(crewId: string, now: Date): Promise<StoredVeto[]>;
  /** Records a history entry under its deterministic id (safe to repeat). */
  putHistory(crewId: string, entry: StoredHistoryEntry): Promise<void>;
  /** A page of the history, newest first. */
  history(crewId: string, after: CursorPosition | undefined, limit: number): Promise<StoredPage<StoredHistoryEntry>>;
  /** The most recent films the crew watched together. */
  watchedTogether(crewId: string, limit: number): Promise<StoredHistoryEntry[]>;
}

export class FirestoreCrewsRepository implements CrewsRepository {
  constructor(private readonly db: Firestore) {}

  private crews = () => this.db.collection(COLLECTIONS.crews);
  private vetoes = (crewId: string) => this.crews().doc(crewId).collection(SUBCOLLECTIONS.crewVetoes);
  private history$ = (crewId: string) => this.crews().doc(crewId).collection(SUBCOLLECTIONS.crewHistory);

  async create(crewId: string, crew: StoredCrew): Promise<void> {
    await this.db.runTransaction(async (tx) => {
      await requireAccountIn(tx, this.db, crew.ownerUid);
      tx.create(this.crews().doc(crewId), crew);
    });
  }

  async get(crewId: string): Promise<StoredCrew | undefined> {
    return readDoc(storedCrewSchema, await this.crews().doc(crewId).get());
  }

  async change<T>(crewId: string, actorUid: string | undefined, decide: (crew: StoredCrew | undefined) => CrewChange<T>): Promise<T> {
    const ref = this.crews().doc(crewId);
    const outcome = await this.db.runTransaction(async (tx) => {
      if (actorUid) await requireAccountIn(tx, this.db, actorUid);
      const change = decide(readDoc(storedCrewSchema, await tx.get(ref)));
      if (change.crew) tx.set(ref, change.crew);
      else if (change.crew === null) tx.delete(ref);
      return change;
    });
    // The crew's memory goes with its last member (outside the transaction: it may hold many documents).
    if (outcome.crew === null) await this.db.recursiveDelete(ref);
    return outcome.result;
  }

  async listOf(uid: string, after: CursorPosition | undefined, limit: number): Promise<StoredPage<StoredCrew>> {
    return readPage(storedCrewSchema, {
      query: this.crews().where("memberUids", "array-contains", uid),
      orderBy: "createdAt",
      dates: true,
      after,
      limit,
    });
  }

  async allOf(uid: string): Promise<Array<{ id: string; crew: StoredCrew }>> {
    const [members, invited] = await Promise.all([
      this.crews().where("memberUids", "array-contains", uid).get(),
      this.crews().where("invitedUids", "array-contains", uid).get(),
    ]);
    const byId = new Map<string, StoredCrew>();
    for (const d of [...members.docs, ...invited.docs]) byId.set(d.id, readDoc(storedCrewSchema, d));
    return [...byId].map(([id, crew]) => ({ id, crew }));
  }

  async putVeto(crewId: string, veto: StoredVeto): Promise<void> {
    await this.vetoes(crewId).doc(String(veto.movieId)).set(veto);
  }

  async vetoesAfter(crewId: string, now: Date): Promise<StoredVeto[]> {
    return (await this.vetoes(crewId).where("until", ">", now).get()).docs.map((d) => readDoc(storedVetoSchema, d));
  }

  async putHistory(crewId: string, entry: StoredHistoryEntry): Promise<void> {
    await this.history$(crewId).doc(historyDocId(entry)).set(entry);
  }

  async history(crewId: string, after: CursorPosition | undefined, limit: number): Promise<StoredPage<StoredHistoryEntry>> {
    return readPage(storedHistorySchema, { query: this.history$(crewId), orderBy: "at", dates: true, after, limit });
  }

  async watchedTogether(crewId: string, limit: number): Promise<StoredHistoryEntry[]> {
    const snap = await this.history$(crewId)
      .where("kind", "==", "watched")
      .orderBy("at", "desc")
      .orderBy(FieldPath.documentId(), "desc")
      .limit(limit)
      .get();
    return snap.docs.map((d) => readDoc(storedHistorySchema, d));
  }
}
