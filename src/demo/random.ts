/**
 * Deterministic randomness for the demo. Every value is a pure function of
 * its inputs (seed, usage point, day, slot, purpose), so any day can be
 * generated again identically, in any order, on any machine. Math.random is
 * never used.
 */

/** murmur3's finaliser: spreads every input bit over the 32 output bits. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines a running hash with one more 32-bit input (murmur3 block step). */
export function mix(h: number, value: number): number {
  let k = Math.imul(value | 0, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  return fmix(h);
}

export function hash2(a: number, b: number): number {
  return mix(mix(0x2545f491, a), b);
}

export function hash3(a: number, b: number, c: number): number {
  return mix(mix(mix(0x2545f491, a), b), c);
}

export function hash4(a: number, b: number, c: number, d: number): number {
  return mix(mix(mix(mix(0x2545f491, a), b), c), d);
}

/** 32-bit hash of a string (UTF-16 code units), stable across platforms. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = mix(h, text.charCodeAt(i));
  return mix(h, text.length);
}

const TWO_32 = 4294967296;

/** A hash mapped to [0, 1). */
export function unit(h: number): number {
  return (h >>> 0) / TWO_32;
}

/** A hash mapped to [-1, 1). */
export function signedUnit(h: number): number {
  return (h >>> 0) / 2147483648 - 1;
}

/** Purposes of the hashes, so that two decisions about the same day never share their dice. */
export const SALT = {
  prm: 1, pce: 2, customer: 3, commune: 4, street: 5, traits: 6, network: 7, contract: 8,
  weather: 20, clouds: 21, coefficient: 22,
  dayNoise: 30, slotNoise: 31, vacation: 32, ev: 33, gaps: 34, quality: 35, peak: 36, outage: 37,
} as const;

/**
 * A small sequential generator (mulberry32) for building the network and for
 * the slots of one day: seeded from a hash, it is itself a pure function of
 * that hash and of how many numbers were drawn.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Next 32-bit unsigned integer. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next() / TWO_32;
  }

  /** Uniform in [-1, 1). */
  signed(): number {
    return this.next() / 2147483648 - 1;
  }

  /** Roughly normal, mean 0 and standard deviation 1 (sum of three uniforms: bounded, no log/sqrt). */
  normal(): number {
    return (this.float() + this.float() + this.float() - 1.5) * 2;
  }

  range(min: number, max: number): number {
    return min + (max - min) * this.float();
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Picks by weight: `weighted([['a', 3], ['b', 1]])` gives 'a' three times out of four. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of choices) total += w;
    let u = this.float() * total;
    for (const [value, w] of choices) {
      u -= w;
      if (u < 0) return value;
    }
    return choices[choices.length - 1][0];
  }

  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(10));
    return out;
  }
}
