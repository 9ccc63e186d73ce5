// CQL float is IEEE-754 binary32. A float read back from the proto arrives widened to a double
// (3.14 becomes 3.140000104904175); users expect the shortest decimal that reads back as the same
// float, as Java's Float.toString prints it.

/** Rounds to the nearest float32 (what the column will store). */
export function toFloat32(value: number): number {
  return Math.fround(value);
}

/** The shortest decimal number that denotes the same float32 as `value`. */
export function shortestFloat32(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const target = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(target.toPrecision(digits));
    if (Math.fround(candidate) === target) return candidate;
  }
  return target;
}
