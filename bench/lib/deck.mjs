// @ts-check
// Rate decks for the micro-benchmarks and the mtree measurement: `size` distinct random
// digit prefixes, each naming one of DESTINATIONS destinations, and numbers to rate. Made by a
// seeded generator, so every run (and both Lua interpreters, and mtree) gets the same deck.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Destinations (distinct rate plans) the prefixes share, as in real decks. */
export const DESTINATIONS = 1000;
/** Prefix lengths: 4 to 9 digits (country code plus area or mobile range). */
const MIN_LENGTH = 4;
const MAX_LENGTH = 9;
/** Dialled numbers (E.164 digits) to rate, cycled through by the benchmark. */
const NUMBERS = 4096;
const NUMBER_LENGTH = 12;

/** mulberry32: a small seeded generator of floats in [0, 1). @param {number} seed */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `length` random digits, the first not 0 when `leading`. @param {() => number} random @param {number} length @param {boolean} leading */
const digits = (random, length, leading) => {
  let s = leading ? String(1 + Math.floor(random() * 9)) : "";
  while (s.length < length) s += String(Math.floor(random() * 10));
  return s;
};

/**
 * Writes `deck-<size>.tsv` (prefix TAB destination number, 1-based) and
 * `numbers-<size>.txt` (one number a line: 9 in 10 start with a deck prefix, the rest are
 * random) into `dir`; returns their paths.
 * @param {number} size @param {string} dir
 */
export function writeDeck(size, dir) {
  mkdirSync(dir, { recursive: true });
  const random = generator(size);
  /** @type {Set<string>} */
  const prefixes = new Set();
  while (prefixes.size < size) prefixes.add(digits(random, MIN_LENGTH + Math.floor(random() * (MAX_LENGTH - MIN_LENGTH + 1)), true));
  const list = [...prefixes];
  const deck = join(dir, `deck-${size}.tsv`);
  writeFileSync(deck, list.map((p) => `${p}\t${1 + Math.floor(random() * DESTINATIONS)}\n`).join(""));
  const numbers = join(dir, `numbers-${size}.txt`);
  const lines = [];
  for (let i = 0; i < NUMBERS; i++) {
    const prefix = random() < 0.9 ? list[Math.floor(random() * list.length)] : "";
    lines.push(`${prefix}${digits(random, NUMBER_LENGTH - prefix.length, prefix === "")}\n`);
  }
  writeFileSync(numbers, lines.join(""));
  return { deck, numbers, size };
}
