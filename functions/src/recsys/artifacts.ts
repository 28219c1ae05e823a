import type * as tfTypes from "@tensorflow/tfjs";
import { z } from "zod";
import { AppError } from "../shared/errors";
import type { Tf } from "./backend";
import type { HyperParams } from "./train";
import { decodeTensors, encodeTensors, type ModelJson, type ModelWeights, type WeightSpec } from "./weights";

/** A model version as files: name -> bytes. Stores persist these under `<prefix>/<version>/`. */
export type ModelFiles = Record<string, Uint8Array>;

/** File names of one model version. `model.json` + `weights.bin` form a standard TF.js Layers model. */
export const FILES = {
  model: "model.json",
  weights: "weights.bin",
  ids: "ids.json",
  extras: "extras.bin",
  metadata: "metadata.json",
} as const;

/** Bumped whenever the artifact layout changes; serving refuses other formats. */
export const ARTIFACT_FORMAT = 1;

const metadataSchema = z.object({
  format: z.literal(ARTIFACT_FORMAT),
  version: z.string().min(1),
  createdAt: z.string(),
  counts: z.object({ users: z.number(), movies: z.number(), ratings: z.number() }),
  hyperParams: z.record(z.string(), z.number()),
  metrics: z.record(z.string(), z.unknown()).optional(),
  backend: z.string(),
  trainSeconds: z.number(),
  extras: z.array(z.object({ name: z.string(), shape: z.array(z.number()), dtype: z.enum(["float32", "int32"]) })),
});

/** What metadata.json says about a version (read by the scheduled retraining to compare models). */
export type ModelMetadata = z.infer<typeof metadataSchema>;

const idsSchema = z.object({ userIds: z.array(z.string()), movieIds: z.array(z.number()) });
const modelJsonSchema = z.object({
  format: z.string().optional(),
  modelTopology: z.unknown(),
  weightsManifest: z.array(
    z.object({
      paths: z.array(z.string()),
      weights: z.array(z.object({ name: z.string(), shape: z.array(z.number()), dtype: z.enum(["float32", "int32"]) })),
    }),
  ),
});

/** Layer names in the TF.js model; their `<name>/embeddings` weights are the tables of ModelWeights. */
const LAYER = {
  ratingUser: "rating_user_factors",
  ratingItem: "rating_item_factors",
  ratingUserBias: "rating_user_bias",
  ratingItemBias: "rating_item_bias",
  ratingGlobal: "rating",
  rankUser: "rank_user",
  rankItemOut: "rank_item_out",
  rankItemBias: "rank_item_bias",
  rankItemIn: "item_input_factors",
} as const;

/**
 * Builds the TF.js Layers model that carries the weights: inputs `user` and `item` (indices from ids.json),
 * outputs `rating` (the predicted stars minus nothing: mu + b_u + b_i + p_u.q_i), `score` (the ranking
 * logit of a training user for an item) and `item_input_factors` (the item's input factors, from which
 * a new user's ranking vector is built). Any TF.js loader (tf.loadLayersModel) can run it.
 */
export function buildLayersModel(tf: Tf, w: ModelWeights): tfTypes.LayersModel {
  const nU = w.userIds.length;
  const nI = w.movieIds.length;
  const user = tf.input({ shape: [1], dtype: "int32", name: "user" });
  const item = tf.input({ shape: [1], dtype: "int32", name: "item" });
  const emb = (name: string, rows: number, dim: number, x: tfTypes.SymbolicTensor) =>
    tf.layers
      .flatten({ name: `${name}_flat` })
      .apply(
        tf.layers.embedding({ name, inputDim: rows, outputDim: dim, embeddingsInitializer: "zeros" }).apply(x),
      ) as tfTypes.SymbolicTensor;
  const pu = emb(LAYER.ratingUser, nU, w.ratingFactors, user);
  const qi = emb(LAYER.ratingItem, nI, w.ratingFactors, item);
  const bu = emb(LAYER.ratingUserBias, nU, 1, user);
  const bi = emb(LAYER.ratingItemBias, nI, 1, item);
  const dotR = tf.layers.dot({ axes: 1, name: "rating_dot" }).apply([pu, qi]) as tfTypes.SymbolicTensor;
  const sumR = tf.layers.add({ name: "rating_sum" }).apply([dotR, bu, bi]) as tfTypes.SymbolicTensor;
  const rating = tf.layers
    .dense({ units: 1, name: LAYER.ratingGlobal, kernelInitializer: "ones", biasInitializer: "zeros" })
    .apply(sumR) as tfTypes.SymbolicTensor;
  const zu = emb(LAYER.rankUser, nU, w.rankFactors, user);
  const vi = emb(LAYER.rankItemOut, nI, w.rankFactors, item);
  const ci = emb(LAYER.rankItemBias, nI, 1, item);
  const dotS = tf.layers.dot({ axes: 1, name: "score_dot" }).apply([zu, vi]) as tfTypes.SymbolicTensor;
  const score = tf.layers.add({ name: "score" }).apply([dotS, ci]) as tfTypes.SymbolicTensor;
  const itemIn = emb(LAYER.rankItemIn, nI, w.rankFactors, item);
  const model = tf.model({ inputs: [user, item], outputs: [rating, score, itemIn], name: "recommender" });

  const set = (name: string, data: Float32Array, shape: number[]) => model.getLayer(name).setWeights([tf.tensor(data, shape)]);
  set(LAYER.ratingUser, w.userFactors, [nU, w.ratingFactors]);
  set(LAYER.ratingItem, w.itemFactors, [nI, w.ratingFactors]);
  set(LAYER.ratingUserBias, w.userBias, [nU, 1]);
  set(LAYER.ratingItemBias, w.itemBias, [nI, 1]);
  model.getLayer(LAYER.ratingGlobal).setWeights([tf.ones([1, 1]), tf.tensor1d([w.globalMean])]);
  set(LAYER.rankUser, w.userRank, [nU, w.rankFactors]);
  set(LAYER.rankItemOut, w.itemOut, [nI, w.rankFactors]);
  set(LAYER.rankItemBias, w.itemOutBias, [nI, 1]);
  set(LAYER.rankItemIn, w.itemIn, [nI, w.rankFactors]);
  return model;
}

/** Facts about a training run that go into metadata.json. */
export interface MetadataInput {
  version: string;
  hyperParams: HyperParams;
  backend: string;
  trainSeconds: number;
  ratings: number;
  metrics?: Record<string, unknown>;
  createdAt?: Date;
}

/** Encodes weights and metadata as the files of one version (model.json is written by TF.js itself). */
export async function toModelFiles(tf: Tf, w: ModelWeights, meta: MetadataInput): Promise<ModelFiles> {
  const model = buildLayersModel(tf, w);
  let saved: tfTypes.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
  );
  model.dispose();
  if (!saved?.weightSpecs || !saved.weightData) throw new AppError("internal", "TF.js saved no weights");
  const weightData = Array.isArray(saved.weightData)
    ? Buffer.concat(saved.weightData.map((b) => new Uint8Array(b)))
    : new Uint8Array(saved.weightData);
  const modelJson = {
    format: saved.format ?? "layers-model",
    generatedBy: saved.generatedBy,
    convertedBy: null,
    modelTopology: saved.modelTopology,
    weightsManifest: [{ paths: [`./${FILES.weights}`], weights: saved.weightSpecs }],
  };

  const offsets = new Int32Array(w.userRated.length + 1);
  w.userRated.forEach((r, u) => (offsets[u + 1] = (offsets[u] as number) + r.items.length));
  const total = offsets[w.userRated.length] as number;
  const ratedItems = new Int32Array(total);
  const ratedStars = new Float32Array(total);
  w.userRated.forEach((r, u) => {
    ratedItems.set(r.items, offsets[u]);
    ratedStars.set(r.ratings, offsets[u]);
  });
  const extras = encodeTensors([
    { name: "item_count", shape: [w.itemCount.length], data: w.itemCount },
    { name: "item_mean", shape: [w.itemMean.length], data: w.itemMean },
    { name: "user_rated_offsets", shape: [offsets.length], data: offsets },
    { name: "user_rated_items", shape: [total], data: ratedItems },
    { name: "user_rated_ratings", shape: [total], data: ratedStars },
    ...(w.itemItem
      ? [
          { name: "item_item_items", shape: [w.itemItem.items.length], data: w.itemItem.items },
          { name: "item_item_weights", shape: [w.itemItem.items.length, w.itemItem.items.length], data: w.itemItem.weights },
          { name: "item_item_factor_weight", shape: [1], data: Float32Array.of(w.itemItem.factorWeight) },
        ]
      : []),
  ]);
  const metadata: ModelMetadata = {
    format: ARTIFACT_FORMAT,
    version: meta.version,
    createdAt: (meta.createdAt ?? new Date()).toISOString(),
    counts: { users: w.userIds.length, movies: w.movieIds.length, ratings: meta.ratings },
    hyperParams: { ...meta.hyperParams },
    metrics: meta.metrics,
    backend: meta.backend,
    trainSeconds: meta.trainSeconds,
    extras: extras.specs,
  };
  const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  return {
    [FILES.model]: json(modelJson),
    [FILES.weights]: weightData,
    [FILES.ids]: json({ userIds: w.userIds, movieIds: w.movieIds }),
    [FILES.extras]: extras.data,
    [FILES.metadata]: json(metadata),
  };
}

/** The dense layer's bias (TF.js may suffix weight names, e.g. `rating/bias_1`, when a process builds twice). */
function getBias(m: Map<string, Float32Array | Int32Array>): number {
  for (const [name, t] of m) if (name.startsWith(`${LAYER.ratingGlobal}/bias`)) return t[0] as number;
  throw new AppError("failed-precondition", "model weights lack the global mean");
}

function file(files: ModelFiles, name: string): Uint8Array {
  const f = files[name];
  if (!f) throw new AppError("failed-precondition", `model artifacts lack ${name}`);
  return f;
}

function parseJson<T>(schema: z.ZodType<T>, bytes: Uint8Array, name: string): T {
  const parsed = schema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
  if (!parsed.success) throw new AppError("failed-precondition", `invalid ${name}: ${parsed.error.message}`);
  return parsed.data;
}

/** Reads metadata.json only (cheap: the retraining compares metrics without loading weights). */
export function readMetadata(files: ModelFiles): ModelMetadata {
  return parseJson(metadataSchema, file(files, FILES.metadata), FILES.metadata);
}

/** Decodes the files of a version back into weights, without TF.js (plain typed arrays). */
export function fromModelFiles(files: ModelFiles): { weights: ModelWeights; metadata: ModelMetadata } {
  const metadata = readMetadata(files);
  const modelJson: ModelJson = parseJson(modelJsonSchema, file(files, FILES.model), FILES.model);
  const ids = parseJson(idsSchema, file(files, FILES.ids), FILES.ids);
  const specs: WeightSpec[] = modelJson.weightsManifest.flatMap((g) => g.weights);
  const tensors = decodeTensors(specs, file(files, FILES.weights));
  const extras = decodeTensors(metadata.extras, file(files, FILES.extras));
  const get = (m: Map<string, Float32Array | Int32Array>, prefix: string): Float32Array => {
    for (const [name, t] of m) if (name === prefix || name.startsWith(`${prefix}/`)) return t as Float32Array;
    throw new AppError("failed-precondition", `model weights lack ${prefix}`);
  };
  const spec = (prefix: string) => specs.find((s) => s.name.startsWith(`${prefix}/`));
  const dims = (prefix: string) => spec(prefix)?.shape[1] ?? 0;
  const offsets = get(extras, "user_rated_offsets") as unknown as Int32Array;
  const ratedItems = get(extras, "user_rated_items") as unknown as Int32Array;
  const ratedStars = get(extras, "user_rated_ratings");
  const userRated = ids.userIds.map((_, u) => ({
    items: ratedItems.subarray(offsets[u], offsets[u + 1]),
    ratings: ratedStars.subarray(offsets[u], offsets[u + 1]),
  }));
  const weights: ModelWeights = {
    userIds: ids.userIds,
    movieIds: ids.movieIds,
    rankFactors: dims(LAYER.rankItemOut),
    itemIn: get(tensors, LAYER.rankItemIn),
    itemOut: get(tensors, LAYER.rankItemOut),
    itemOutBias: get(tensors, LAYER.rankItemBias),
    userRank: get(tensors, LAYER.rankUser),
    ratingFactors: dims(LAYER.ratingItem),
    globalMean: getBias(tensors),
    userBias: get(tensors, LAYER.ratingUserBias),
    itemBias: get(tensors, LAYER.ratingItemBias),
    userFactors: get(tensors, LAYER.ratingUser),
    itemFactors: get(tensors, LAYER.ratingItem),
    itemCount: get(extras, "item_count") as unknown as Int32Array,
    itemMean: get(extras, "item_mean"),
    userRated,
  };
  const itemItemItems = extras.get("item_item_items") as Int32Array | undefined;
  if (itemItemItems) {
    weights.itemItem = {
      items: itemItemItems,
      weights: get(extras, "item_item_weights"),
      factorWeight: get(extras, "item_item_factor_weight")[0] as number,
    };
  }
  if (weights.itemOut.length !== ids.movieIds.length * weights.rankFactors) {
    throw new AppError("failed-precondition", "model weights do not match ids.json");
  }
  return { weights, metadata };
}
