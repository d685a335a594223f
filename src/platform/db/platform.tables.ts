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

export interface PlatformTables {
  operatorSessions: OperatorSessionRow;
  settings: SettingRow;
  operatorAccounts: OperatorAccountRow;
}
