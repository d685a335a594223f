export interface SettingRow {
  key: string;
  value: string;
}

export interface OperatorAccountRow {
  username: string;
  passwordHash: string;
  mustChangePassword: number;
  createdAt: number;
}

export interface OperatorSessionRow {
  tokenHash: Buffer;
  username: string;
  createdAt: number;
  expiresAt: number;
  revoked: number;
}

/** Named counters moved by triggers (migration 0009): `gateway`, `grid`, `consents`, `tokens`. */
export interface ChangeCounterRow {
  name: string;
  value: number;
}

export interface PlatformTables {
  changeCounters: ChangeCounterRow;
  operatorSessions: OperatorSessionRow;
  settings: SettingRow;
  operatorAccounts: OperatorAccountRow;
}
