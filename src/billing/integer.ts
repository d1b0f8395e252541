// Exact integer division for money and durations. Lua 5.1 numbers are doubles: integers are
// exact below 2^53, but `a / b` rounds to the nearest double, and Lua's `%` is itself
// defined through floor(a / b). math.fmod is C's fmod, which is always exact, so the
// remainder comes first and the quotient is an exact multiple divided by its divisor.
// Every caller keeps its operands integral and below 2^53 (see the limits in rate.ts).

/** floor(a / b) for integers a and b (b not 0), exact while |a| < 2^53. */
export function floorDiv(a: number, b: number): number {
  let r = math.fmod(a, b);
  if (r !== 0 && r < 0 !== b < 0) r = r + b;
  // a - r is an exact multiple of b: the division below has no fraction to round.
  return (a - r) / b;
}

/** ceil(a / b) for integers a and b (b not 0). */
export function ceilDiv(a: number, b: number): number {
  // 0 - x, not -x: ceilDiv(0, b) is 0, never -0 (which string.format("%d") and tostring print as "-0").
  return 0 - floorDiv(0 - a, b);
}

/** a mod b with the sign of b (0 <= result < b for b > 0). */
export function floorMod(a: number, b: number): number {
  return a - floorDiv(a, b) * b;
}

/**
 * a / b rounded half up (0.5 goes up) for a >= 0 and b > 0: the one rounding the rating
 * applies, to the total of a call.
 */
export function divRoundHalfUp(a: number, b: number): number {
  const q = floorDiv(a, b);
  const r = a - q * b;
  return r * 2 >= b ? q + 1 : q;
}
