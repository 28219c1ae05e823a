import { catalogueSeeder } from "./catalogue.seeder";
import type { DemoSeeder } from "./demo-seeder";
import { recommenderSeeder } from "./recommender.seeder";

/** Run in order by `npm start` (functions/scripts/seed-demo.ts). Domains add theirs here. */
export const DEMO_SEEDERS: DemoSeeder[] = [catalogueSeeder, recommenderSeeder];
