// Seeded randomness: keys and values change on every run (so answers cannot be hard-coded), and a run
// can be replayed exactly from the seed printed with --debug.

import { seededRandom } from '@storylabs/lab-kit/random';

const WORDS = [
  'apple',
  'banana',
  'blueberry',
  'cherry',
  'grape',
  'lemon',
  'mango',
  'orange',
  'peach',
  'pear',
  'pineapple',
  'plum',
  'raspberry',
  'strawberry',
  'apricot',
  'fig',
  'kiwi',
  'lime',
  'melon',
  'papaya',
  'badger',
  'beaver',
  'falcon',
  'gecko',
  'heron',
  'koala',
  'lynx',
  'otter',
  'panda',
  'raven',
  'salmon',
  'walrus',
  'yak',
  'zebra',
  'bison',
  'crane',
  'dingo',
  'eagle',
  'ferret',
  'marmot',
];

/** Words whose UTF-8 byte length differs from their character count. */
const UNICODE_WORDS = [
  'café',
  'naïve',
  'smörgåsbord',
  'jalapeño',
  'crème brûlée',
  'Zürich',
  'straße',
  'señor',
];

/** A 32-bit seed from any string: a stage's generator depends on the run's seed and the stage id. */
function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

export class Random {
  /** A number in [0, 1). */
  readonly next: () => number;

  constructor(seed: number, stream: string) {
    this.next = seededRandom(hashSeed(`${seed}:${stream}`));
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  word(): string {
    return this.pick(WORDS);
  }

  unicodeWord(): string {
    return this.pick(UNICODE_WORDS);
  }

  /** Distinct keys such as "mango:482", unique within one generator. */
  private readonly usedKeys = new Set<string>();
  key(prefix = this.word()): string {
    for (;;) {
      const key = `${prefix}:${this.int(100, 999)}`;
      if (!this.usedKeys.has(key)) {
        this.usedKeys.add(key);
        return key;
      }
    }
  }

  /** A value of one to three words. */
  value(): string {
    return Array.from({ length: this.int(1, 3) }, () => this.word()).join(this.int(0, 1) ? ' ' : '-');
  }

  /** The command name in a random letter case: Redis does not care, neither should your server. */
  anyCase(word: string): string {
    const variant = this.int(0, 2);
    if (variant === 0) return word.toUpperCase();
    if (variant === 1) return word.toLowerCase();
    return [...word].map((c) => (this.next() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
  }
}

export function newSeed(): number {
  return Math.floor(Math.random() * 1_000_000_000);
}
