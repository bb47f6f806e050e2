// Sub-areas (deelgebieden) of a rayon, proposed automatically: the relations split into k groups
// that are compact (short drives between the visits of one day) and balanced in workload (visits a
// year by class norm), each group given a fixed weekday of a 2- or 3-week cycle. Pure: no I/O.
//
// Method: a sweep around the rep's home cuts the relations into k sectors of equal workload (the
// start); then balanced k-means — centres move to the weighted mean of their group, and relations
// are reassigned, most decided first, each to the nearest centre that still has room (workload at
// most (1 + tolerance) × the mean). Deterministic: no randomness, the same input gives the same plan.
import { err, ok, type Result } from "../domain/result.js";

export interface SubAreaPoint {
  id: number;
  lat: number;
  lon: number;
  /** Workload: visits a year (class norm); 0 = visited by nobody but still in an area. */
  weight: number;
}

export interface SubAreaOptions {
  /** Weeks in the cycle: 2 or 3. */
  cycleWeeks: number;
  /** Working days a week that get a sub-area (1–5, Monday first). */
  daysPerWeek: number;
  /** Where the rep's days start; the sweep turns around it (default: the workload's centre). */
  home?: { lat: number; lon: number } | null;
  /** Allowed excess workload over the mean, as a share (default 0.1 = 10 %). */
  tolerance?: number;
  /** k-means rounds at most (default 30). */
  rounds?: number;
}

export interface SubArea {
  /** 1-based: the order of the cycle's days. */
  index: number;
  /** 1..cycleWeeks. */
  week: number;
  /** 1 = Monday … 5 = Friday. */
  weekday: number;
  relationIds: number[];
  workload: number;
  centre: { lat: number; lon: number } | null;
  /** Mean straight-line km from the centre to the area's relations (compactness). */
  meanRadiusKm: number;
}

export interface SubAreaPlan {
  areas: SubArea[];
  /** Largest workload ÷ mean workload (1 = perfectly balanced). */
  imbalance: number;
}

export type SubAreaError = "cycle_weeks_invalid" | "days_per_week_invalid" | "point_invalid";

const KM_PER_DEGREE = 111.195;

export function proposeSubAreas(points: readonly SubAreaPoint[], options: SubAreaOptions): Result<SubAreaPlan, SubAreaError> {
  if (options.cycleWeeks !== 2 && options.cycleWeeks !== 3) return err("cycle_weeks_invalid");
  if (!Number.isInteger(options.daysPerWeek) || options.daysPerWeek < 1 || options.daysPerWeek > 5) return err("days_per_week_invalid");
  if (points.some((p) => !Number.isFinite(p.lat) || !Number.isFinite(p.lon) || !(p.weight >= 0))) return err("point_invalid");
  const k = options.cycleWeeks * options.daysPerWeek;
  const n = points.length;
  const tolerance = options.tolerance ?? 0.1;

  // Plane coordinates in km around the points' mean latitude (equirectangular: fine for a rayon).
  const meanLat = n === 0 ? 52 : points.reduce((s, p) => s + p.lat, 0) / n;
  const cos = Math.cos((meanLat * Math.PI) / 180);
  const xs = points.map((p) => p.lon * KM_PER_DEGREE * cos);
  const ys = points.map((p) => p.lat * KM_PER_DEGREE);
  const weights = points.map((p) => p.weight);
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  // Zero-weight points count a little so that an area of only C accounts still has a centre.
  const eff = weights.map((w) => (totalWeight > 0 ? w : 1));
  const effTotal = eff.reduce((s, w) => s + w, 0);
  const capacity = (effTotal / k) * (1 + tolerance);

  const origin = options.home
    ? { x: options.home.lon * KM_PER_DEGREE * cos, y: options.home.lat * KM_PER_DEGREE }
    : { x: weightedMean(xs, eff), y: weightedMean(ys, eff) };
  const angle = (i: number) => Math.atan2((ys[i] as number) - origin.y, (xs[i] as number) - origin.x);
  const bySweep = points.map((_, i) => i).sort((a, b) => angle(a) - angle(b) || (points[a] as SubAreaPoint).id - (points[b] as SubAreaPoint).id);

  const group = new Int32Array(n);
  let acc = 0;
  for (const i of bySweep) {
    // The sector a point falls in by the workload swept before its middle.
    group[i] = Math.min(k - 1, Math.floor(((acc + (eff[i] as number) / 2) / (effTotal || 1)) * k));
    acc += eff[i] as number;
  }

  const cx = new Float64Array(k);
  const cy = new Float64Array(k);
  const rounds = options.rounds ?? 30;
  for (let round = 0; round < rounds; round++) {
    centres(group, xs, ys, eff, cx, cy, k);
    const load = new Float64Array(k);
    // Most decided first: the points whose nearest and second-nearest centres differ most.
    const ranked = points.map((_, i) => {
      const order = nearestCentres(xs[i] as number, ys[i] as number, cx, cy, k);
      return { i, order, regret: order.length > 1 ? (order[1] as { d: number }).d - (order[0] as { d: number }).d : 0 };
    });
    ranked.sort((a, b) => b.regret - a.regret || (points[a.i] as SubAreaPoint).id - (points[b.i] as SubAreaPoint).id);
    let moved = 0;
    for (const { i, order } of ranked) {
      const w = eff[i] as number;
      const fit = order.find((c) => (load[c.g] as number) + w <= capacity) ?? order.reduce((best, c) => ((load[c.g] as number) < (load[best.g] as number) ? c : best));
      if (group[i] !== fit.g) moved++;
      group[i] = fit.g;
      load[fit.g] = (load[fit.g] as number) + w;
    }
    if (moved === 0 && round > 0) break;
  }
  centres(group, xs, ys, eff, cx, cy, k);

  // Days in sweep order of the centres around home: the cycle goes round the rayon.
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) (members[group[i] as number] as number[]).push(i);
  const centreAngle = (g: number) => Math.atan2((cy[g] as number) - origin.y, (cx[g] as number) - origin.x);
  const order = Array.from({ length: k }, (_, g) => g).sort((a, b) => {
    const ea = (members[a] as number[]).length === 0;
    const eb = (members[b] as number[]).length === 0;
    return Number(ea) - Number(eb) || centreAngle(a) - centreAngle(b);
  });
  const areas: SubArea[] = order.map((g, slot) => {
    const list = members[g] as number[];
    const workload = list.reduce((s, i) => s + (weights[i] as number), 0);
    const meanRadiusKm = list.length === 0 ? 0 : list.reduce((s, i) => s + Math.hypot((xs[i] as number) - (cx[g] as number), (ys[i] as number) - (cy[g] as number)), 0) / list.length;
    return {
      index: slot + 1,
      week: Math.floor(slot / options.daysPerWeek) + 1,
      weekday: (slot % options.daysPerWeek) + 1,
      relationIds: list.map((i) => (points[i] as SubAreaPoint).id).sort((a, b) => a - b),
      workload,
      centre: list.length === 0 ? null : { lat: (cy[g] as number) / KM_PER_DEGREE, lon: (cx[g] as number) / (KM_PER_DEGREE * cos) },
      meanRadiusKm: Math.round(meanRadiusKm * 10) / 10,
    };
  });
  const mean = totalWeight / k;
  const imbalance = mean > 0 ? Math.max(...areas.map((a) => a.workload)) / mean : 1;
  return ok({ areas, imbalance: Math.round(imbalance * 1000) / 1000 });
}

function weightedMean(values: readonly number[], weights: readonly number[]): number {
  let s = 0;
  let w = 0;
  values.forEach((v, i) => {
    s += v * (weights[i] as number);
    w += weights[i] as number;
  });
  return w > 0 ? s / w : 0;
}

function centres(group: Int32Array, xs: readonly number[], ys: readonly number[], eff: readonly number[], cx: Float64Array, cy: Float64Array, k: number): void {
  const sx = new Float64Array(k);
  const sy = new Float64Array(k);
  const sw = new Float64Array(k);
  group.forEach((g, i) => {
    const w = (eff[i] as number) || 1e-9;
    sx[g] = (sx[g] as number) + (xs[i] as number) * w;
    sy[g] = (sy[g] as number) + (ys[i] as number) * w;
    sw[g] = (sw[g] as number) + w;
  });
  for (let g = 0; g < k; g++) {
    // An empty group keeps its centre (it may win points back next round).
    if ((sw[g] as number) > 0) {
      cx[g] = (sx[g] as number) / (sw[g] as number);
      cy[g] = (sy[g] as number) / (sw[g] as number);
    }
  }
}

function nearestCentres(x: number, y: number, cx: Float64Array, cy: Float64Array, k: number): { g: number; d: number }[] {
  const out: { g: number; d: number }[] = [];
  for (let g = 0; g < k; g++) out.push({ g, d: Math.hypot(x - (cx[g] as number), y - (cy[g] as number)) });
  return out.sort((a, b) => a.d - b.d || a.g - b.g);
}
