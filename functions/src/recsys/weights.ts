import { AppError } from "../shared/errors";
import type { ItemItemTable } from "./itemitem";

/**
 * Everything a trained model holds, as plain typed arrays (row-major [rows, factors] tables). Training
 * produces it, the artifacts encode it, serving reads it back without TF.js.
 */
export interface ModelWeights {
  /** Index -> external id maps. */
  userIds: string[];
  movieIds: number[];
  /** Ranking head. */
  rankFactors: number;
  itemIn: Float32Array;
  itemOut: Float32Array;
  itemOutBias: Float32Array;
  userRank: Float32Array;
  /** Rating head. */
  ratingFactors: number;
  globalMean: number;
  userBias: Float32Array;
  itemBias: Float32Array;
  userFactors: Float32Array;
  itemFactors: Float32Array;
  /** Training statistics per item: number of ratings and mean rating. */
  itemCount: Int32Array;
  itemMean: Float32Array;
  /** The training ratings of each user (item indices and stars). */
  userRated: { items: Int32Array; ratings: Float32Array }[];
  /**
   * The item-item part of the ranking and the factor head's weight in the blend; absent in models trained
   * without it (ranking then uses the factor head alone).
   */
  itemItem?: ItemItemTable & { factorWeight: number };
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
