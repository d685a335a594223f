import type { CustomerRow } from '../../grid/grid.tables.ts';
import { dataConnectCustomerId } from './derived-ids.ts';

/** `GET /customers_i/v5/identity` (and `/v3/customers/identity`), §6: no `customer` wrapper, unlike contracts and addresses. */

export interface V5NaturalPerson {
  title?: string;
  firstname: string;
  lastname: string;
}

export interface V5LegalEntity {
  name: string;
  siret_number?: string;
}

export interface V5IdentityAnswer {
  customer_id: string;
  identity: { natural_person: V5NaturalPerson } | { legal_entity: V5LegalEntity };
}

/** Required members (`firstname`, `lastname`, `name`) are always strings, empty when unknown; optional ones are omitted. */
export function renderV5Identity(customer: CustomerRow): V5IdentityAnswer {
  const identity: V5IdentityAnswer['identity'] =
    customer.kind === 'company'
      ? { legal_entity: { name: customer.companyName ?? '', ...(customer.siret != null && { siret_number: customer.siret }) } }
      : { natural_person: { ...(customer.title != null && { title: customer.title }), firstname: customer.firstName ?? '', lastname: customer.lastName ?? '' } };
  return { customer_id: dataConnectCustomerId(customer.id), identity };
}
