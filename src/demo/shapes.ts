/**
 * Intraday shapes of the demo loads, by wall-clock time. Each shape is
 * defined by a few (hour, level) points, sampled per minute and scaled to a
 * mean of 1 over the day, so that `energy / 24 * shape` is a power in W. A
 * running sum per minute gives the mean over any slot in O(1), whatever its length.
 */

export interface Shape {
  name: string;
  /** cumulative[m] = sum of the per-minute levels before minute m (1,441 entries). */
  cumulative: Float64Array;
  /** Mean level of each wall-clock half-hour (48), for the coarse daily model. */
  halfHours: Float64Array;
}

function shape(name: string, points: readonly (readonly [number, number])[]): Shape {
  const perMinute = new Float64Array(1440);
  for (let m = 0; m < 1440; m++) {
    const hour = (m + 0.5) / 60;
    let k = 0;
    while (k < points.length - 2 && points[k + 1][0] <= hour) k++;
    const [h0, v0] = points[k];
    const [h1, v1] = points[k + 1];
    perMinute[m] = v0 + ((v1 - v0) * (hour - h0)) / (h1 - h0);
  }
  let sum = 0;
  for (let m = 0; m < 1440; m++) sum += perMinute[m];
  const scale = sum > 0 ? 1440 / sum : 0;
  const cumulative = new Float64Array(1441);
  for (let m = 0; m < 1440; m++) cumulative[m + 1] = cumulative[m] + perMinute[m] * scale;
  const halfHours = new Float64Array(48);
  for (let h = 0; h < 48; h++) halfHours[h] = (cumulative[h * 30 + 30] - cumulative[h * 30]) / 30;
  return { name, cumulative, halfHours };
}

/** Mean level of a shape over wall-clock minutes [start, start + length), clipped to the day. */
export function shapeMean(s: Shape, start: number, length: number): number {
  const a = start < 0 ? 0 : start > 1440 ? 1440 : start;
  const b = start + length > 1440 ? 1440 : start + length;
  return b > a ? (s.cumulative[b] - s.cumulative[a]) / (b - a) : 0;
}

/** Share of a shape's daily energy in each register, given the register of every minute. */
export function registerShares(s: Shape, registers: Uint8Array, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let m = 0; m < 1440; m++) out[registers[m]] += s.cumulative[m + 1] - s.cumulative[m];
  for (let r = 0; r < count; r++) out[r] /= 1440;
  return out;
}

export const SHAPES = {
  flat: shape('flat', [[0, 1], [24, 1]]),
  // Household at work or school on the day: breakfast peak, empty day, long evening peak.
  homeWorkday: shape('homeWorkday', [[0, 0.18], [5.5, 0.12], [6.5, 0.7], [7.5, 1.05], [8.5, 0.5], [9.5, 0.25], [12, 0.35], [13.5, 0.3], [17, 0.45], [18.5, 1.0], [19.5, 1.45], [20.5, 1.35], [21.5, 0.95], [22.5, 0.55], [23.5, 0.25], [24, 0.18]]),
  // Weekends and public holidays: late morning, lunch at home, evening.
  homeDayOff: shape('homeDayOff', [[0, 0.22], [7.5, 0.2], [8.5, 0.55], [10, 0.85], [12, 1.15], [13.5, 1.0], [15, 0.6], [17, 0.7], [19, 1.25], [20.5, 1.25], [22, 0.8], [23.5, 0.3], [24, 0.22]]),
  // Electric heating: setback at night, boosts at waking and in the evening.
  homeHeating: shape('homeHeating', [[0, 0.75], [5, 0.8], [6, 1.35], [8, 1.25], [9, 0.95], [12, 0.85], [16, 0.9], [18, 1.2], [21, 1.15], [22.5, 0.9], [24, 0.75]]),
  office: shape('office', [[0, 0.02], [7, 0.1], [8, 0.8], [9, 1.0], [12, 0.95], [13, 0.85], [14, 1.0], [17.5, 0.95], [18.5, 0.5], [19.5, 0.1], [24, 0.02]]),
  shop: shape('shop', [[0, 0.02], [8.5, 0.2], [9.5, 1.0], [12.5, 1.0], [13, 0.85], [14, 1.0], [19, 1.0], [19.75, 0.3], [20.5, 0.02], [24, 0.02]]),
  // Two shifts, 06:00-22:00.
  industry: shape('industry', [[0, 0.05], [5.5, 0.1], [6, 0.9], [13.5, 1.0], [14, 0.95], [21.5, 0.9], [22, 0.1], [24, 0.05]]),
  // Professional heating: warm before opening, setback after closing.
  workHeating: shape('workHeating', [[0, 0.4], [5, 0.45], [6, 1.3], [8, 1.2], [17, 1.0], [19, 0.5], [20, 0.4], [24, 0.4]]),
  cooling: shape('cooling', [[0, 0.15], [10, 0.45], [14, 1.0], [17, 1.0], [20, 0.55], [24, 0.15]]),
} as const;
