/**
 * Spreads a register's daily energy over its slots in proportion to the
 * drawn shape, as whole watts, so that the curve integrates exactly to the
 * register: a slot of `step` seconds at W watts holds W * step / 3600 Wh,
 * hence `units` = energy (Wh) * 3600 / step, an integer for every curve step.
 */

const scaled = new Float64Array(256);
const open = new Uint8Array(256);

/**
 * Writes integer watts into `out` for the slots i where `member[i] === group`,
 * summing exactly to `units`, proportional to `weights`, none above `cap` when
 * that is possible. Returns false when the group has no slot (nothing written).
 */
export function spreadUnits(weights: Float64Array, member: Uint8Array, group: number, count: number, units: number, cap: number, out: Float64Array): boolean {
  let sum = 0;
  let members = 0;
  let last = -1;
  for (let i = 0; i < count; i++) {
    if (member[i] !== group) continue;
    sum += weights[i];
    members++;
    last = i;
  }
  if (members === 0) return units === 0;
  if (units === 0) {
    for (let i = 0; i < count; i++) if (member[i] === group) out[i] = 0;
    return true;
  }
  // Nothing drawn where energy is due: spread it evenly.
  const uniform = sum <= 0;
  const scale = uniform ? units / members : units / sum;
  for (let i = 0; i < count; i++) {
    if (member[i] !== group) continue;
    scaled[i] = uniform ? scale : weights[i] * scale;
    open[i] = 1;
  }
  if (cap * members > units) capAt(weights, member, group, count, cap, uniform);
  // Cumulative rounding: each slot gets round(running total) minus what was already handed out.
  let running = 0;
  let given = 0;
  for (let i = 0; i < count; i++) {
    if (member[i] !== group) continue;
    running += scaled[i];
    const target = i === last ? units : Math.round(running);
    out[i] = target - given;
    given = target;
  }
  return true;
}

/** Water-filling: clamps slots above the cap and hands their excess to the others, in proportion. */
function capAt(weights: Float64Array, member: Uint8Array, group: number, count: number, cap: number, uniform: boolean): void {
  for (let pass = 0; pass < 6; pass++) {
    let excess = 0;
    let openWeight = 0;
    for (let i = 0; i < count; i++) {
      if (member[i] !== group) continue;
      if (open[i] && scaled[i] > cap) {
        excess += scaled[i] - cap;
        scaled[i] = cap;
        open[i] = 0;
      } else if (open[i]) {
        openWeight += uniform ? 1 : weights[i];
      }
    }
    if (excess === 0) return;
    if (openWeight <= 0) {
      // Every slot at the cap: the rest goes evenly on top (the demand exceeds the subscription that day).
      let members = 0;
      for (let i = 0; i < count; i++) if (member[i] === group) members++;
      for (let i = 0; i < count; i++) if (member[i] === group) scaled[i] += excess / members;
      return;
    }
    for (let i = 0; i < count; i++) if (member[i] === group && open[i]) scaled[i] += (excess * (uniform ? 1 : weights[i])) / openWeight;
  }
}
