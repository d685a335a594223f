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

export interface PlatformTables {
  settings: SettingRow;
  operatorAccounts: OperatorAccountRow;
}
