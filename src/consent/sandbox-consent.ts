import { SANDBOX_PROFILES, type SandboxProfile } from '../demo/sandbox.ts';

/** The state's last character as a digit, if it is one. */
function lastDigit(state: string | undefined): number | undefined {
  const last = state?.at(-1);
  return last !== undefined && last >= '0' && last <= '9' ? Number(last) : undefined;
}

/** v1 sandbox: the fake customer chosen by the last digit of `state`; 9, a non-digit or no state choose profile 0 (decision 14). */
export function sandboxProfileFor(state: string | undefined): SandboxProfile {
  const digit = lastDigit(state);
  return SANDBOX_PROFILES.find((p) => p.stateDigit === digit) ?? SANDBOX_PROFILES.find((p) => p.stateDigit === 0)!;
}

/** The v2 sandbox's authorisations of the fake customers: 20+d for profile d. */
const FIRST_PROFILE_ID = 20;

/** The fake customer behind a v2 sandbox `autorisation_id` (20-28), if it is one. */
export function sandboxProfileOfAutorisationId(id: number): SandboxProfile | undefined {
  return SANDBOX_PROFILES.find((p) => p.stateDigit !== null && FIRST_PROFILE_ID + p.stateDigit === id);
}

/** v2 sandbox: 20+d for a digit d from 0 to 8, 10 (no services) for 9, 11 (the recorded services) otherwise (decision 21). */
export function sandboxAutorisationIdFor(state: string | undefined): number {
  const digit = lastDigit(state);
  if (digit === undefined) return 11;
  return digit === 9 ? 10 : FIRST_PROFILE_ID + digit;
}
