import type { CustomerRow } from '../../grid/grid.tables.ts';
import { dataConnectCustomerId } from './derived-ids.ts';

/** `GET /customers_cd/v5/contact_data` (and `/v3/customers/contact_data`), §6. */

export interface V5Contact {
  phone?: string;
  email?: string;
}

export interface V5ContactDataAnswer {
  customer_id: string;
  contact: V5Contact;
  contact_data: V5Contact;
}

/**
 * Enedis's Swagger names the block `contact`, a production client reads
 * `contact_data`: both keys carry the same content (§13 decision 11).
 */
export function renderV5ContactData(customer: CustomerRow): V5ContactDataAnswer {
  const contact = (): V5Contact => ({ ...(customer.phone != null && { phone: customer.phone }), ...(customer.email != null && { email: customer.email }) });
  return { customer_id: dataConnectCustomerId(customer.id), contact: contact(), contact_data: contact() };
}
