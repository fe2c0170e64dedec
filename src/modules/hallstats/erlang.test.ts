import { describe, expect, it } from 'vitest';
import { agentsNeeded, erlangB, erlangC, meanWaitSeconds, serviceLevel, trafficErlangs } from './erlang.js';

describe('Erlang B (recursion) against table values', () => {
  // Exact small cases: B(1, A) = A/(1+A); B(2, 1) = (1/2)/(1+1+1/2) = 0.2.
  it.each([
    [1, 1, 0.5],
    [2, 1, 0.2],
    [3, 2, 4 / 19], // (8/6)/(1+2+2+8/6)
    [5, 2, 0.036697], // Erlang B table: 5 circuits, 2 E → 3.67 %
    [10, 5, 0.018385], // 10 circuits, 5 E → 1.84 %
    [0, 3, 1],
  ])('B(%i, %f) = %f', (n, a, b) => {
    expect(erlangB(n, a)).toBeCloseTo(b, 5);
  });

  it('stays finite for many servers (no factorial overflow)', () => {
    const b = erlangB(400, 350);
    expect(Number.isFinite(b)).toBe(true);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(0.05);
  });
});

describe('Erlang C', () => {
  it('matches closed forms for small N', () => {
    // M/M/1: P_w = ρ.
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 12);
    // M/M/2 with A = 1: P_w = A²/(2(2−A)) / (1 + A + A²/(2(2−A)) ·…) = 1/3.
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    // N = 3, A = 2: 4/9.
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
  });

  // The classic worked example (Call Centre Helper, "Erlang C formula – example"): 100 calls in
  // 30 minutes (200 an hour), AHT 180 s, target 80 % in 20 s → 10 Erlangs, 14 agents,
  // P_w = 17.4 %, service level 88.9 %, ASA ≈ 7.8 s; 13 agents give 76.6 % < 80 %.
  it('reproduces the published 14-agent example', () => {
    expect(trafficErlangs(200, 180)).toBe(10);
    expect(erlangC(14, 10)).toBeCloseTo(0.1741, 4);
    expect(serviceLevel(14, 200, 180, 20)).toBeCloseTo(0.8884, 3);
    expect(serviceLevel(13, 200, 180, 20)).toBeLessThan(0.8);
    expect(meanWaitSeconds(14, 200, 180)).toBeCloseTo(7.83, 1);
    expect(agentsNeeded(200, 180, { share: 0.8, seconds: 20 })).toBe(14);
  });

  it('is 1 when the queue is unstable (A ≥ N) and the service level is then 0', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangC(3, 7.5)).toBe(1);
    expect(serviceLevel(10, 200, 180, 20)).toBe(0);
    expect(meanWaitSeconds(9, 200, 180)).toBe(Infinity);
  });

  it('decreases as windows are added', () => {
    let prev = 1;
    for (let n = 11; n < 25; n++) {
      const c = erlangC(n, 10);
      expect(c).toBeLessThan(prev);
      prev = c;
    }
  });
});

describe('agentsNeeded', () => {
  it('is 0 without arrivals and at least one window with any', () => {
    expect(agentsNeeded(0, 600, { share: 0.8, seconds: 900 })).toBe(0);
    expect(agentsNeeded(0.5, 600, { share: 0.8, seconds: 900 })).toBe(1);
  });

  it('is always more than the offered load', () => {
    for (const [arr, aht] of [
      [12, 600],
      [30, 480],
      [6, 900],
      [60, 300],
    ] as const) {
      const n = agentsNeeded(arr, aht, { share: 0.8, seconds: 900 });
      expect(n).toBeGreaterThan(trafficErlangs(arr, aht));
      expect(serviceLevel(n, arr, aht, 900)).toBeGreaterThanOrEqual(0.8);
      expect(serviceLevel(n - 1, arr, aht, 900)).toBeLessThan(0.8);
    }
  });

  it('a hall example: 12 visitors an hour, 10 min each, 80 % within 15 min → 3 windows', () => {
    // A = 2 E; N = 3: P_w = 4/9, SL = 1 − 4/9·e^{−1·900/600} = 0.9008.
    expect(serviceLevel(3, 12, 600, 900)).toBeCloseTo(1 - (4 / 9) * Math.exp(-1.5), 10);
    expect(agentsNeeded(12, 600, { share: 0.8, seconds: 900 })).toBe(3);
  });

  it('rejects nonsense targets', () => {
    expect(() => agentsNeeded(10, 600, { share: 1, seconds: 900 })).toThrow(RangeError);
    expect(() => agentsNeeded(-1, 600, { share: 0.8, seconds: 900 })).toThrow(RangeError);
  });
});
