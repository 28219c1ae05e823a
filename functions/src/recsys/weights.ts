import { AppError } from "../shared/errors";

/**
 * Everything a trained model holds, as plain typed arrays (row-major [films, factors] tables). Training
 * produces it, the artifacts encode it, serving reads it back without TF.js. It holds nothing about any
 * person: people are folded in from their ratings when served (see serving.ts), so an artifact never keeps
 * a deleted account's data.
 */
export interface ModelWeights {
  /** Index -> MovieLens movie id. */
  movieIds: number[];
  /**
   * Ranking: the ELSA item table A ([films, rankFactors], rows of unit length). A person's scores are
   * x A A^T for their (signed) rating vector x.
   */
  rankFactors: number;
  itemEmbedding: Float32Array;
  /** Rating head: mu + b_u + b_i + p_u . q_i with b_u, p_u folded in per person. */
  ratingFactors: number;
  globalMean: number;
  itemBias: Float32Array;
  itemFactors: Float32Array;
  /** Training statistics per film: number of ratings and mean rating. */
  itemCount: Int32Array;
  itemMean: Float32Array;
  /**
   * "Similar films": for each film up to `neighbours` films, the ones most often rated by the same people,
   * ordered by the ranking table's cosine ([films, neighbours], -1 pads), and how many people rated both.
   * Counts of people, never who: no per-person data.
   */
  neighbours: number;
  neighbourItems: Int32Array;
  neighbourSupport: Int32Array;
}

/** One weight tensor in a TF.js weights manifest. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: "float32" | "int32";
}

/** The parts of a TF.js `model.json` serving reads. */
export interface ModelJson {
  format?: string;
  modelTopology: unknown;
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
}

/** Decodes concatenated little-endian tensors described by specs into named typed arrays. */
export function decodeTensors(specs: readonly WeightSpec[], data: Uint8Array): Map<string, Float32Array | Int32Array> {
  const out = new Map<string, Float32Array | Int32Array>();
  // Copy to an aligned buffer: typed-array views need 4-byte alignment and Buffer slices may lack it.
  const aligned = new Uint8Array(data.byteLength);
  aligned.set(data);
  let offset = 0;
  for (const spec of specs) {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    if (offset + n * 4 > aligned.byteLength) {
      throw new AppError("failed-precondition", `weight data too short for ${spec.name}`);
    }
    const view = spec.dtype === "int32" ? new Int32Array(aligned.buffer, offset, n) : new Float32Array(aligned.buffer, offset, n);
    out.set(spec.name, view);
    offset += n * 4;
  }
  return out;
}

/** Concatenates typed arrays into one buffer with their specs (the TF.js weight-file layout). */
export function encodeTensors(tensors: readonly { name: string; shape: number[]; data: Float32Array | Int32Array }[]): {
  specs: WeightSpec[];
  data: Uint8Array;
} {
  const total = tensors.reduce((s, t) => s + t.data.byteLength, 0);
  const data = new Uint8Array(total);
  let offset = 0;
  const specs: WeightSpec[] = [];
  for (const t of tensors) {
    data.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), offset);
    offset += t.data.byteLength;
    specs.push({ name: t.name, shape: t.shape, dtype: t.data instanceof Int32Array ? "int32" : "float32" });
  }
  return { specs, data };
}
