import type { Firestore } from "firebase-admin/firestore";
import { catalogueSeeder } from "./catalogue.seeder";
import { recommenderSeeder } from "./recommender.seeder";

/** One kind of demo data for the local stack; `seed` is idempotent and returns a one-line summary. */
export interface DemoSeeder {
  name: string;
  seed(db: Firestore): Promise<string>;
}

/** Run in order by `npm start` (functions/scripts/seed-demo.ts). Domains add theirs here. */
export const DEMO_SEEDERS: DemoSeeder[] = [catalogueSeeder, recommenderSeeder];
