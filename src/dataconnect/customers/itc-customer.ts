import type { CustomerRow, UsagePointRow } from '../../grid/grid.tables.ts';

/**
 * The customer blocks of a `situation_contrat_auto` item: postal address
 * (AFNOR lines, under the sic key `adress`), contact data, and the holder as
 * a person or an organisation.
 */

/** AFNOR NF Z10-011 lines; `line1` is the addressee's name (persons only: an organisation's name is in `organization`). */
export interface ItcAddress {
  line1?: string;
  line4: string;
  line6: string;
  line7: string;
}

export interface ItcContactData {
  email?: string;
  landline?: string;
  phone?: string;
}

export interface ItcPerson {
  title?: string;
  lastname?: string;
  firstname?: string;
}

export interface ItcOrganization {
  name?: string;
  siret_number?: string;
  siren_number?: string;
}

export interface ItcHolder {
  customer: { customer: { adress: ItcAddress } };
  contact_data?: ItcContactData;
  person?: ItcPerson;
  organization?: ItcOrganization;
}

/**
 * The holder blocks. The customer rows carry no postal address of their
 * own, so the customer's address is the usage point's: the premises the
 * contract supplies.
 */
export function itcHolder(customer: CustomerRow, point: Pick<UsagePointRow, 'street' | 'postalCode' | 'city'>): ItcHolder {
  const contact = itcContactData(customer);
  return {
    customer: { customer: { adress: itcAddress(customer, point) } },
    ...(contact && { contact_data: contact }),
    ...(customer.kind === 'company' ? { organization: itcOrganization(customer) } : { person: itcPerson(customer) }),
  };
}

/** The name a contract is signed under. */
export function holderName(customer: CustomerRow): string | undefined {
  if (customer.kind === 'company') return customer.companyName ?? undefined;
  const name = [customer.firstName, customer.lastName].filter((part) => part != null && part !== '').join(' ');
  return name === '' ? undefined : name;
}

function itcAddress(customer: CustomerRow, point: Pick<UsagePointRow, 'street' | 'postalCode' | 'city'>): ItcAddress {
  const addressee = customer.kind === 'person' ? [customer.title, customer.firstName, customer.lastName].filter((part) => part != null && part !== '').join(' ') : '';
  return {
    ...(addressee !== '' && { line1: afnor(addressee) }),
    line4: afnor(point.street),
    line6: `${point.postalCode} ${afnor(point.city)}`,
    // As the sandbox writes the country line.
    line7: 'FR (France)',
  };
}

// The Swagger's `phone` is the mobile number and `landline` the fixed one; French mobiles are 06 and 07.
const MOBILE = /^(?:0|\+33|0033)[67]\d{8}$/;

function itcContactData(customer: CustomerRow): ItcContactData | undefined {
  const number = customer.phone?.replace(/[\s.-]/g, '');
  const mobile = number != null && MOBILE.test(number);
  const data: ItcContactData = {
    ...(customer.email != null && { email: customer.email }),
    ...(customer.phone != null && !mobile && { landline: customer.phone }),
    ...(customer.phone != null && mobile && { phone: customer.phone }),
  };
  return Object.keys(data).length > 0 ? data : undefined;
}

function itcPerson(customer: CustomerRow): ItcPerson {
  return {
    ...(customer.title != null && { title: customer.title }),
    ...(customer.lastName != null && { lastname: customer.lastName }),
    ...(customer.firstName != null && { firstname: customer.firstName }),
  };
}

function itcOrganization(customer: CustomerRow): ItcOrganization {
  return {
    ...(customer.companyName != null && { name: customer.companyName }),
    ...(customer.siret != null && { siret_number: customer.siret }),
    // A SIRET is the SIREN followed by the establishment's 5 digits.
    ...(customer.siret != null && /^\d{14}$/.test(customer.siret) && { siren_number: customer.siret.slice(0, 9) }),
  };
}

/** AFNOR postal lines: upper case, no diacritics, ligatures spelled out. */
export function afnor(text: string): string {
  return text
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();
}
