/**
 * Krippendorff's alpha for nominal data, through the coincidence matrix (K. Krippendorff,
 * "Computing Krippendorff's Alpha-Reliability", 2011, section C "Nominal data, any number of
 * observers, missing data"). Pure.
 *
 *   o_ck = Σ_u (number of c–k pairs of values in unit u) / (m_u − 1), over units with m_u ≥ 2 values;
 *   n_c = Σ_k o_ck, n = Σ_c n_c;
 *   α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c · n_k.
 *
 * For coding comparison the units are characters and each coder's value is coded / not coded; a
 * stretch of characters with the same values is one unit added `weight` times, so whole sources are
 * added per sweep piece, never per character.
 */

export type NominalValue = string | number | boolean;

const TRUE = "boolean:true";
const FALSE = "boolean:false";
const TRUE_TRUE = `${TRUE}\u0000${TRUE}`;
const FALSE_FALSE = `${FALSE}\u0000${FALSE}`;
const TRUE_FALSE = `${TRUE}\u0000${FALSE}`;
const FALSE_TRUE = `${FALSE}\u0000${TRUE}`;

export class Coincidences {
  /** "c\u0000k" → o_ck. */
  private readonly cells = new Map<string, number>();
  private readonly values = new Map<string, NominalValue>();

  private static key(v: NominalValue): string {
    return `${typeof v}:${String(v)}`;
  }

  /**
   * One unit's values (missing values left out), counted `weight` times. A unit with fewer than
   * two values has nothing to pair and adds nothing.
   */
  addUnit(unitValues: readonly NominalValue[], weight = 1): void {
    const m = unitValues.length;
    if (m < 2 || weight <= 0) return;
    if (unitValues.every((v) => typeof v === "boolean")) {
      let ones = 0;
      for (const v of unitValues) if (v) ones++;
      this.addBinaryUnit(ones, m, weight);
      return;
    }
    const counts = new Map<string, number>();
    for (const v of unitValues) {
      const k = Coincidences.key(v);
      this.values.set(k, v);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        if (pairs === 0) continue;
        const cell = `${c}\u0000${k}`;
        this.cells.set(cell, (this.cells.get(cell) ?? 0) + (weight * pairs) / (m - 1));
      }
    }
  }

  /**
   * Coded / not-coded unit without building a value map: `ones` of the `m` coders coded it. This
   * is the hot path of coding comparison (one call per sweep piece).
   */
  addBinaryUnit(ones: number, m: number, weight = 1): void {
    if (m < 2 || weight <= 0) return;
    const zeros = m - ones;
    const scale = weight / (m - 1);
    if (ones > 1) this.bump(TRUE_TRUE, ones * (ones - 1) * scale);
    if (zeros > 1) this.bump(FALSE_FALSE, zeros * (zeros - 1) * scale);
    if (ones > 0 && zeros > 0) {
      this.bump(TRUE_FALSE, ones * zeros * scale);
      this.bump(FALSE_TRUE, ones * zeros * scale);
    }
    if (ones > 0) this.values.set(TRUE, true);
    if (zeros > 0) this.values.set(FALSE, false);
  }

  private bump(cell: string, amount: number): void {
    this.cells.set(cell, (this.cells.get(cell) ?? 0) + amount);
  }

  /** Pools another matrix into this one (more sources, more codes). */
  addAll(other: Coincidences): this {
    for (const [cell, o] of other.cells) this.cells.set(cell, (this.cells.get(cell) ?? 0) + o);
    for (const [k, v] of other.values) this.values.set(k, v);
    return this;
  }

  /** n: the number of pairable values. */
  pairable(): number {
    let n = 0;
    for (const o of this.cells.values()) n += o;
    return n;
  }

  /**
   * Nominal alpha; null when it is undefined: fewer than two pairable values, or every value is
   * the same (no variation, so expected disagreement is 0 — e.g. nobody coded anything).
   */
  alpha(): number | null {
    const marginals = new Map<string, number>();
    let observed = 0;
    let n = 0;
    for (const [cell, o] of this.cells) {
      const [c, k] = cell.split("\u0000");
      if (c === undefined || k === undefined) continue;
      marginals.set(c, (marginals.get(c) ?? 0) + o);
      n += o;
      if (c !== k) observed += o;
    }
    if (n <= 1) return null;
    let sumN = 0;
    let sumSquares = 0;
    for (const nc of marginals.values()) {
      sumN += nc;
      sumSquares += nc * nc;
    }
    // Σ_{c≠k} n_c n_k = (Σ n_c)² − Σ n_c².
    const expected = sumN * sumN - sumSquares;
    if (expected <= 0) return null;
    return 1 - ((n - 1) * observed) / expected;
  }
}

/**
 * Alpha for a reliability data matrix: rows are observers, columns units, null/undefined missing.
 * (The shape Krippendorff's worked examples use.)
 */
export function nominalAlpha(observers: readonly (readonly (NominalValue | null | undefined)[])[]): number | null {
  const units = Math.max(0, ...observers.map((row) => row.length));
  const matrix = new Coincidences();
  for (let u = 0; u < units; u++) {
    const values: NominalValue[] = [];
    for (const row of observers) {
      const v = row[u];
      if (v !== null && v !== undefined) values.push(v);
    }
    matrix.addUnit(values);
  }
  return matrix.alpha();
}
