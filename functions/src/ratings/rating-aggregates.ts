import { histogramKey, RATING_VALUES, type RatingAggregates } from "../movies/movies.schema";

/** The change one rating write makes to its film's aggregates. */
export interface AggregateDelta {
  count: number;
  sum: number;
  /** Per stored histogram key (see histogramKey). */
  histogram: Record<string, number>;
}

/** What a rating write looked like, before and after (undefined: absent). */
export interface RatingChange {
  before?: number;
  after?: number;
}

/** The delta of a create (+1), an update (value moves) or a delete (-1); empty when nothing changed. */
export function aggregateDelta({ before, after }: RatingChange): AggregateDelta {
  const delta: AggregateDelta = { count: 0, sum: 0, histogram: {} };
  if (before === after) return delta;
  if (before !== undefined) {
    delta.count -= 1;
    delta.sum -= before;
    delta.histogram[histogramKey(before)] = -1;
  }
  if (after !== undefined) {
    delta.count += 1;
    delta.sum += after;
    delta.histogram[histogramKey(after)] = (delta.histogram[histogramKey(after)] ?? 0) + 1;
  }
  for (const [k, v] of Object.entries(delta.histogram)) if (v === 0) delete delta.histogram[k];
  return delta;
}

export const isEmptyDelta = (d: AggregateDelta): boolean => d.count === 0 && d.sum === 0 && Object.keys(d.histogram).length === 0;

/** Totals of several shards. */
export function sumShards(shards: ReadonlyArray<Partial<AggregateDelta>>): AggregateDelta {
  const total: AggregateDelta = { count: 0, sum: 0, histogram: {} };
  for (const s of shards) {
    total.count += s.count ?? 0;
    total.sum += s.sum ?? 0;
    for (const [k, v] of Object.entries(s.histogram ?? {})) total.histogram[k] = (total.histogram[k] ?? 0) + v;
  }
  return total;
}

/** Prior for the rating sort: a film needs votes before its mean can beat the catalogue's typical mean. */
const PRIOR_VOTES = 10;
const PRIOR_MEAN = 3.5;

/** Bayesian average used to sort by rating, so one 5-star vote does not top the catalogue. */
export const ratingScore = (count: number, sum: number): number => (PRIOR_VOTES * PRIOR_MEAN + sum) / (PRIOR_VOTES + count);

/** API shape of totals: the mean rounded to 2 places, the histogram keyed "0.5" to "5" with zeros. */
export function toAggregates(total: AggregateDelta): RatingAggregates {
  const histogram: Record<string, number> = {};
  for (const r of RATING_VALUES) histogram[String(r)] = total.histogram[histogramKey(r)] ?? 0;
  return {
    count: total.count,
    mean: total.count > 0 ? Math.round((total.sum / total.count) * 100) / 100 : null,
    histogram,
  };
}
