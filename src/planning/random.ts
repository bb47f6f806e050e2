// A small seeded pseudo-random generator, so that a solver run is a pure function of its input and
// seed (the platform's unseeded generator would make results unrepeatable). sfc32 (Chris Doty-Humphrey's "small fast
// counting" generator): 128 bits of state, passes PractRand, only 32-bit integer arithmetic.

export interface Random {
  /** A 32-bit unsigned integer. */
  nextUint32(): number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n) for n ≥ 1. */
  int(n: number): number;
}

/** A generator whose whole sequence follows from `seed` (any integer; the same seed gives the same sequence). */
export function createRandom(seed: number): Random {
  // splitmix32 spreads the seed over the four state words, so nearby seeds give unrelated streams.
  let s = seed | 0;
  const mix = (): number => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // Warm up: the first outputs of sfc32 still show the seeding pattern.
  for (let i = 0; i < 12; i++) nextUint32();
  return {
    nextUint32,
    next: () => nextUint32() / 4294967296,
    int: (n) => Math.floor((nextUint32() / 4294967296) * n),
  };
}

/** Fisher–Yates shuffle in place (arrays and typed arrays). */
export function shuffle<T>(items: { length: number; [index: number]: T }, random: Random): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const t = items[i] as T;
    items[i] = items[j] as T;
    items[j] = t;
  }
}
