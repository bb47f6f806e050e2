// Population management of the hybrid genetic search (Vidal et al. 2012, 2022): two
// subpopulations (feasible, infeasible), each kept between mu and mu + lambda individuals. Survival
// and parent choice use the biased fitness: rank by cost plus weighted rank by diversity (the
// mean broken-pairs distance to the nbClose most similar individuals), so good but redundant
// solutions give way to different ones.
import { brokenPairsDistance, type Individual, reprice } from "./individual.js";
import type { Random } from "./random.js";
import type { Penalties } from "./route-state.js";

export interface PopulationParameters {
  /** Minimum subpopulation size after survivor selection. */
  mu: number;
  /** Offspring added before survivor selection runs. */
  lambda: number;
  /** Individuals protected by their cost rank in the biased fitness. */
  elite: number;
  /** Neighbours averaged for the diversity contribution. */
  close: number;
}

export class Subpopulation {
  readonly members: Individual[] = [];
  private readonly p: PopulationParameters;

  constructor(parameters: PopulationParameters) {
    this.p = parameters;
  }

  add(individual: Individual): void {
    for (const other of this.members) {
      const distance = brokenPairsDistance(individual, other);
      insertSorted(other.close, { distance, other: individual });
      insertSorted(individual.close, { distance, other });
    }
    this.members.push(individual);
    if (this.members.length > this.p.mu + this.p.lambda) {
      while (this.members.length > this.p.mu) this.removeWorst();
    }
  }

  clear(): void {
    this.members.length = 0;
  }

  /** Recomputes penalised costs (after a penalty change). */
  reprice(penalties: Penalties): void {
    for (const m of this.members) reprice(m, penalties);
  }

  updateFitness(): void {
    const m = this.members;
    if (m.length === 1) {
      (m[0] as Individual).biasedFitness = 0;
      return;
    }
    const byCost = [...m].sort((a, b) => a.cost - b.cost);
    const diversity = new Map<Individual, number>();
    for (const ind of m) diversity.set(ind, this.diversity(ind));
    const byDiversity = [...byCost].map((ind, rank) => ({ ind, rank, div: diversity.get(ind) as number })).sort((a, b) => b.div - a.div || a.rank - b.rank);
    const last = m.length - 1;
    const eliteWeight = 1 - this.p.elite / m.length;
    const divRank = new Map<Individual, number>();
    byDiversity.forEach((entry, rank) => {
      divRank.set(entry.ind, rank / last);
    });
    byCost.forEach((ind, rank) => {
      ind.biasedFitness = rank / last + eliteWeight * (divRank.get(ind) as number);
    });
  }

  /** Mean distance to the closest `close` others. */
  private diversity(ind: Individual): number {
    const count = Math.min(this.p.close, ind.close.length);
    if (count === 0) return 0;
    let sum = 0;
    for (let k = 0; k < count; k++) sum += (ind.close[k] as { distance: number }).distance;
    return sum / count;
  }

  /** Removes a clone if there is one, else the worst biased fitness. */
  private removeWorst(): void {
    this.updateFitness();
    let worst = -1;
    let worstIsClone = false;
    let worstFitness = -1;
    this.members.forEach((ind, k) => {
      const clone = (ind.close[0]?.distance ?? 1) < 1e-12;
      if ((clone && !worstIsClone) || (clone === worstIsClone && ind.biasedFitness > worstFitness)) {
        worst = k;
        worstIsClone = clone;
        worstFitness = ind.biasedFitness;
      }
    });
    const [gone] = this.members.splice(worst, 1) as [Individual];
    for (const other of this.members) {
      const at = other.close.findIndex((c) => c.other === gone);
      if (at >= 0) other.close.splice(at, 1);
    }
  }
}

/** Binary tournament on biased fitness over both subpopulations. */
export function selectParent(a: Subpopulation, b: Subpopulation, random: Random): Individual {
  const total = a.members.length + b.members.length;
  const pick = () => {
    const k = random.int(total);
    return (k < a.members.length ? a.members[k] : b.members[k - a.members.length]) as Individual;
  };
  const first = pick();
  const second = pick();
  return first.biasedFitness <= second.biasedFitness ? first : second;
}

function insertSorted(list: { distance: number; other: Individual }[], entry: { distance: number; other: Individual }): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid] as { distance: number }).distance <= entry.distance) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, entry);
}
