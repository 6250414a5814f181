/** Seeded randomness for the support demo: every fresh demo tells the same story (relative to its load date). */
export interface Random {
  /** A number in [0, 1). */
  next: () => number;
  int: (min: number, max: number) => number;
  between: (min: number, max: number) => number;
  chance: (probability: number) => boolean;
  pick: <T>(items: readonly T[]) => T;
  weighted: <T>(items: readonly T[], weight: (item: T) => number) => T;
}

// mulberry32, as the library demo's usage generator.
export function seededRandom(seed: number): Random {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error("demo support: pick from an empty list");
    return item;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick,
    weighted: (items, weight) => {
      const total = items.reduce((sum, item) => sum + weight(item), 0);
      let left = next() * total;
      for (const item of items) {
        left -= weight(item);
        if (left < 0) return item;
      }
      return pick(items);
    },
  };
}

const classChars = (body: string): string[] => {
  const chars: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const from = body[i] as string;
    const to = body[i + 2];
    if (body[i + 1] === "-" && to !== undefined) {
      for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code++) chars.push(String.fromCharCode(code));
      i += 2;
    } else chars.push(from);
  }
  return chars;
};

/**
 * A serial number that a product's serial pattern accepts, made from the pattern itself: literals,
 * character classes ([A-Z0-9]), \d, and {n} or {n,m} counts, which is what the catalog's patterns use.
 * Anything else throws, so a new kind of pattern is noticed rather than given wrong serials.
 */
export function serialFor(pattern: string, random: Random): string {
  let out = "";
  let i = 0;
  while (i < pattern.length) {
    let choices: string[];
    const char = pattern[i] as string;
    if (char === "[") {
      const end = pattern.indexOf("]", i);
      if (end < 0) throw new Error(`demo support: cannot make a serial for ${pattern}`);
      choices = classChars(pattern.slice(i + 1, end));
      i = end + 1;
    } else if (char === "\\") {
      const escaped = pattern[i + 1] ?? "";
      choices = escaped === "d" ? classChars("0-9") : [escaped];
      i += 2;
    } else if ("()|*+?.^$".includes(char)) {
      throw new Error(`demo support: cannot make a serial for ${pattern}`);
    } else {
      choices = [char];
      i += 1;
    }
    let count = 1;
    const quantifier = /^\{(\d+)(?:,(\d+))?\}/.exec(pattern.slice(i));
    if (quantifier) {
      const min = Number(quantifier[1]);
      count = quantifier[2] === undefined ? min : random.int(min, Number(quantifier[2]));
      i += quantifier[0].length;
    }
    for (let n = 0; n < count; n++) out += random.pick(choices);
  }
  return out;
}

/** Fills {name} placeholders; a placeholder without a value stays visible, so a typo shows in the demo. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
