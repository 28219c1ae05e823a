import type { Firestore } from "firebase-admin/firestore";
import { DEFAULT_RETRAIN_POLICY, LOCAL_DEMO_MODEL_STORE, openModelStore } from "../recommendations/recommendations.config";
import { FirestoreRecommenderStateRepository } from "../recommendations/recommendations.repository";
import { RetrainService } from "../recommendations/retrain.service";
import { FirestoreRatingsSource } from "../recsys/firestore-ratings";
import type { DemoSeeder } from "./demo-seeder";

/**
 * Trains and publishes a first recommender model from the demo ratings (the catalogue seeder's), into the
 * local model folder the emulated API reads (MODEL_STORE in .env.demo-movie-night). A few seconds on
 * the demo data; an unchanged rating set is not retrained.
 */
export const recommenderSeeder: DemoSeeder = {
  name: "recommender",
  async seed(db: Firestore): Promise<string> {
    // The retraining function's wiring, over the local model folder the emulated API reads.
    const service = new RetrainService(
      new FirestoreRatingsSource(db),
      new FirestoreRecommenderStateRepository(db),
      () => openModelStore(LOCAL_DEMO_MODEL_STORE),
      DEFAULT_RETRAIN_POLICY,
    );
    const outcome = await service.run("demo");
    if (outcome.status === "failed") throw new Error(`training the demo model failed: ${outcome.reason ?? "unknown reason"}`);
    const ndcg = outcome.candidateMetrics ? `, held-out NDCG@10 ${outcome.candidateMetrics.ndcgAt10.toFixed(3)}` : "";
    return `model ${outcome.liveVersion ?? "none"} (${outcome.status}${ndcg}) in ${outcome.seconds} s`;
  },
};
