/**
 * Erlang C (M/M/N queue) for window planning: how many windows an hour needs so that a share of
 * the visitors is called within a target wait. Pure functions, no I/O.
 *
 * A = arrivals per hour × mean service time in hours (the offered load, in Erlangs).
 * P_w(N, A) = the probability that a visitor has to wait at all, computed from the Erlang B
 * recursion B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)) — stable for any N, no factorials — and
 * C = N·B / (N − A·(1 − B)). Service level SL(t) = 1 − P_w·e^{−(N−A)·t/AHT}; mean wait
 * W = P_w·AHT / (N − A). With N ≤ A the line grows without bound: P_w = 1, SL = 0, W = ∞.
 */

/** Erlang B blocking probability for `servers` servers offered `load` Erlangs. */
export function erlangB(servers: number, load: number): number {
  if (!Number.isInteger(servers) || servers < 0) throw new RangeError(`servers must be a non-negative integer, got ${servers}`);
  if (!(load >= 0) || !Number.isFinite(load)) throw new RangeError(`load must be a finite non-negative number, got ${load}`);
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  return b;
}

/** Erlang C: probability of waiting P_w(N, A); 1 when the queue is unstable (A ≥ N). */
export function erlangC(servers: number, load: number): number {
  if (load === 0) return servers > 0 ? 0 : 1;
  if (servers <= load) return 1;
  const b = erlangB(servers, load);
  return (servers * b) / (servers - load * (1 - b));
}

/** Offered load in Erlangs from arrivals per hour and mean service seconds. */
export function trafficErlangs(arrivalsPerHour: number, ahtSeconds: number): number {
  return (arrivalsPerHour * ahtSeconds) / 3600;
}

/** Share of visitors called within `targetSeconds` with `servers` windows (0 when unstable, 1 without arrivals). */
export function serviceLevel(servers: number, arrivalsPerHour: number, ahtSeconds: number, targetSeconds: number): number {
  const a = trafficErlangs(arrivalsPerHour, ahtSeconds);
  if (a === 0) return 1;
  if (servers <= a) return 0;
  const sl = 1 - erlangC(servers, a) * Math.exp((-(servers - a) * targetSeconds) / ahtSeconds);
  return Math.min(1, Math.max(0, sl));
}

/** Mean wait in seconds (average speed of answer); Infinity when unstable, 0 without arrivals. */
export function meanWaitSeconds(servers: number, arrivalsPerHour: number, ahtSeconds: number): number {
  const a = trafficErlangs(arrivalsPerHour, ahtSeconds);
  if (a === 0) return 0;
  if (servers <= a) return Infinity;
  return (erlangC(servers, a) * ahtSeconds) / (servers - a);
}

export interface ServiceTarget {
  /** Share of visitors to be called within `seconds` (0 < share < 1), e.g. 0.8. */
  share: number;
  seconds: number;
}

/**
 * The smallest number of windows N > A that calls `target.share` of the visitors within
 * `target.seconds`; 0 when nobody comes. Bounded search (SL rises with N towards 1).
 */
export function agentsNeeded(arrivalsPerHour: number, ahtSeconds: number, target: ServiceTarget): number {
  if (!(arrivalsPerHour >= 0) || !(ahtSeconds >= 0)) throw new RangeError('arrivals and service time must be non-negative');
  if (!(target.share > 0 && target.share < 1)) throw new RangeError(`target share must be in (0, 1), got ${target.share}`);
  if (!(target.seconds >= 0)) throw new RangeError('target seconds must be non-negative');
  const a = trafficErlangs(arrivalsPerHour, ahtSeconds);
  if (a === 0) return 0;
  let n = Math.floor(a) + 1;
  while (serviceLevel(n, arrivalsPerHour, ahtSeconds, target.seconds) < target.share) n++;
  return n;
}
