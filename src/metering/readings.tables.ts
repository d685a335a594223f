export interface ReadingRow {
  usagePointId: string;
  series: number;
  day: number;
  revision: number;
  step: number;
  segments: string | null;
  labels: string | null;
  vals: Buffer;
  quality: Buffer;
  aux: Buffer | null;
}

export interface ReadingsTables {
  readings: ReadingRow;
}
