/**
 * Runs `work` under a User Timing measure (DevTools' Performance panel, and the bundle bench in
 * tests/bench reads them): how long the phases of an import took on a researcher's machine.
 */
export async function measured<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    performance.measure(name, { start, end: performance.now() });
  }
}
