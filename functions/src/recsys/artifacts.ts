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
export const ARTIFACT_FORMAT = 2;

const metadataSchema = z.object({
  format: z.literal(ARTIFACT_FORMAT),
  version: z.string().min(1),
  createdAt: z.string(),
  counts: z.object({ users: z.number().optional(), movies: z.number(), ratings: z.number() }),
  hyperParams: z.record(z.string(), z.number()),
  metrics: z.record(z.string(), z.unknown()).optional(),
  backend: z.string(),
  trainSeconds: z.number(),
  extras: z.array(z.object({ name: z.string(), shape: z.array(z.number()), dtype: z.enum(["float32", "int32"]) })),
});

/** What metadata.json says about a version (read by the scheduled retraining to compare models). */
export type ModelMetadata = z.infer<typeof metadataSchema>;

const idsSchema = z.object({ movieIds: z.array(z.number()) }).strict();
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
  ranking: "item_embedding",
  ratingItem: "rating_item_factors",
  ratingItemBias: "rating_item_bias",
  ratingGlobal: "rating_baseline",
} as const;

/**
 * Builds the TF.js Layers model that carries the weights. Input `item` (an index from ids.json); outputs
 * the film's ranking row of A (a person's scores are x A A^T), its rating factors q_i and its baseline
 * stars mu + b_i. Any TF.js loader (tf.loadLayersModel) runs it; serving reads the same tensors.
 * It has no person input: the model keeps nothing about people.
 */
export function buildLayersModel(tf: Tf, w: ModelWeights): tfTypes.LayersModel {
  const nI = w.movieIds.length;
  const item = tf.input({ shape: [1], dtype: "int32", name: "item" });
  const emb = (name: string, rows: number, dim: number, x: tfTypes.SymbolicTensor) =>
    tf.layers
      .flatten({ name: `${name}_flat` })
      .apply(
        tf.layers.embedding({ name, inputDim: rows, outputDim: dim, embeddingsInitializer: "zeros" }).apply(x),
      ) as tfTypes.SymbolicTensor;
  const a = emb(LAYER.ranking, nI, w.rankFactors, item);
  const q = emb(LAYER.ratingItem, nI, w.ratingFactors, item);
  const bi = emb(LAYER.ratingItemBias, nI, 1, item);
  const baseline = tf.layers
    .dense({ units: 1, name: LAYER.ratingGlobal, kernelInitializer: "ones", biasInitializer: "zeros" })
    .apply(bi) as tfTypes.SymbolicTensor;
  const model = tf.model({ inputs: [item], outputs: [a, q, baseline], name: "recommender" });
  const set = (name: string, data: Float32Array, shape: number[]) => model.getLayer(name).setWeights([tf.tensor(data, shape)]);
  set(LAYER.ranking, w.itemEmbedding, [nI, w.rankFactors]);
  set(LAYER.ratingItem, w.itemFactors, [nI, w.ratingFactors]);
  set(LAYER.ratingItemBias, w.itemBias, [nI, 1]);
  model.getLayer(LAYER.ratingGlobal).setWeights([tf.ones([1, 1]), tf.tensor1d([w.globalMean])]);
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

  const extras = encodeTensors([
    { name: "item_count", shape: [w.itemCount.length], data: w.itemCount },
    { name: "item_mean", shape: [w.itemMean.length], data: w.itemMean },
    { name: "neighbour_items", shape: [w.movieIds.length, w.neighbours], data: w.neighbourItems },
    { name: "neighbour_support", shape: [w.movieIds.length, w.neighbours], data: w.neighbourSupport },
  ]);
  const metadata: ModelMetadata = {
    format: ARTIFACT_FORMAT,
    version: meta.version,
    createdAt: (meta.createdAt ?? new Date()).toISOString(),
    counts: { movies: w.movieIds.length, ratings: meta.ratings },
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
    [FILES.ids]: json({ movieIds: w.movieIds }),
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
  const weights: ModelWeights = {
    movieIds: ids.movieIds,
    rankFactors: dims(LAYER.ranking),
    itemEmbedding: get(tensors, LAYER.ranking),
    ratingFactors: dims(LAYER.ratingItem),
    globalMean: getBias(tensors),
    itemBias: get(tensors, LAYER.ratingItemBias),
    itemFactors: get(tensors, LAYER.ratingItem),
    itemCount: get(extras, "item_count") as unknown as Int32Array,
    itemMean: get(extras, "item_mean"),
    neighbours: metadata.extras.find((e) => e.name === "neighbour_items")?.shape[1] ?? 0,
    neighbourItems: get(extras, "neighbour_items") as unknown as Int32Array,
    neighbourSupport: get(extras, "neighbour_support") as unknown as Int32Array,
  };
  if (
    weights.itemEmbedding.length !== ids.movieIds.length * weights.rankFactors ||
    weights.itemFactors.length !== ids.movieIds.length * weights.ratingFactors ||
    weights.itemCount.length !== ids.movieIds.length
  ) {
    throw new AppError("failed-precondition", "model weights do not match ids.json");
  }
  return { weights, metadata };
}
