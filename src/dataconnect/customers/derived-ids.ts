import { sha256 } from '../../platform/secrets.ts';

/**
 * Identifiers that Enedis answers carry but Gridgate's tables do not hold,
 * derived from what they do hold so that every call answers the same value.
 */

const TEN_DIGITS = /^\d{10}$/;

/**
 * The Data Connect `customer_id`: always a string of 10 digits (§13 decision
 * 4). A customer row id that already is 10 digits (every demo and sandbox
 * customer) is used as it is. Any other id is hashed: SHA-256 of
 * `gridgate-customer:<id>`, its first 8 bytes read as an unsigned big-endian
 * integer, reduced modulo 9,000,000,000 and added to 1,000,000,000, which
 * gives 10 digits with no leading zero. Distinct ids can collide (about one
 * chance in 9 billion per pair); the value is a label for clients, never a
 * key Gridgate looks customers up by.
 */
export function dataConnectCustomerId(customerId: string): string {
  return TEN_DIGITS.test(customerId) ? customerId : hashedDigits(`gridgate-customer:${customerId}`, 10);
}

/** Serial number of the meter of a point (`compteurs[].numeroSerie`): 12 digits, like a Linky serial. */
export function meterSerialNumber(usagePointId: string): string {
  return hashedDigits(`gridgate-meter:${usagePointId}`, 12);
}

/** SGE's technical id of a point's supply situation (`alimentation_auto` `serial_number`): 9 digits, a JSON number. */
export function supplySituationNumber(usagePointId: string): number {
  return Number(hashedDigits(`gridgate-supply:${usagePointId}`, 9));
}

function hashedDigits(text: string, count: number): string {
  const value = sha256(text).readBigUInt64BE(0);
  const floor = 10n ** BigInt(count - 1);
  return String(floor + (value % (9n * floor)));
}
