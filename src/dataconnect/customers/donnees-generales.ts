import type { UsagePointRow } from '../../grid/grid.tables.ts';

/** `GET /donnees_generales_auto/v1/{prm}`: the point's installation address, not normalised (Donnees-generales-sync-auto.yaml). */

export interface DonneesGeneralesAnswer {
  address: {
    number_street_name: string;
    postal_code_city: string;
    insee_code: string;
  };
}

export function renderDonneesGenerales(point: Pick<UsagePointRow, 'street' | 'postalCode' | 'city' | 'inseeCode'>): DonneesGeneralesAnswer {
  return { address: { number_street_name: point.street, postal_code_city: `${point.postalCode} ${point.city}`, insee_code: point.inseeCode } };
}
