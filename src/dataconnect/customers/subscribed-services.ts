import type { UsagePointRow } from '../../grid/grid.tables.ts';
import { stepName } from '../../metering/import-lines.ts';
import { formatIsoDate, type DayNumber } from '../../platform/time/local-day.ts';
import { consumes, produces } from './point-facts.ts';
import type { MeasureType, ServiceState, SubscribedServicesQuery } from './subscribed-services-request.ts';

/**
 * The answer of `POST /subscribed_services/v1` (Services-souscrits.yaml,
 * §11.1, §13 decisions 21 and 22): each consent the application holds
 * yields one `ACCES` service per kind of data the point has, like the
 * sandbox's answer for authorisation 11.
 */

/** What the builder needs of a consent; the route passes only the calling application's consents. */
export interface ConsentForServices {
  /** The consent's id: Data Connect's `autorisation_id`. */
  autorisationId: number;
  usagePointId: string;
  /** First and last local days of the consent (the consent's expiry day for a live one). */
  startDay: DayNumber;
  endDay: DayNumber;
  /** Where the consent stands today: `ACTIF` while live, `TERMINE` once expired or revoked. */
  state: ServiceState;
  /** What data the point has: its sides, its curve step, whether its curve is collected. */
  point: Pick<UsagePointRow, 'segment' | 'direction' | 'stepSeconds' | 'loadCurveCollection'>;
  /** SIREN of the point's holder when a company (`sirenTitulaire`). */
  holderSiren?: string | null;
  /** SIREN of the partner the application belongs to (`sirenBeneficiaire`). */
  partnerSiren?: string | null;
}

export interface ServiceSouscrit {
  id: string;
  injection: boolean;
  soutirage: boolean;
  serviceCode: string;
  dateDebut: string;
  dateFin: string;
  etatCode: string;
  etatLibelle: string;
  pointId: string;
  sirenTitulaire?: string;
  sirenBeneficiaire?: string;
  mesuresTypeCode: string;
  mesuresPas: string;
  mesuresCorrigees: boolean;
  espaceDynamique: boolean;
  publicationDonnees: boolean;
  autorisation: {
    autorisationId: number;
    autorisationLibelle: string;
    autorisationType: string;
    autorisationStatut?: string;
  };
}

export interface SubscribedServicesAnswer {
  nbTotalServices: number;
  serviceSouscrit?: ServiceSouscrit[];
}

export const SERVICES_PAGE_SIZE = 100;

const STATE_LABELS: Record<ServiceState, string> = { DEMANDE: 'Demandé', ACTIF: 'Actif', TERMINE: 'Terminé', SUPPRIME: 'Supprimé' };

export function buildSubscribedServicesAnswer(query: SubscribedServicesQuery, consents: readonly ConsentForServices[]): SubscribedServicesAnswer {
  return answerFromServices(query, consents.flatMap(servicesOfConsent));
}

/** Filters, counts and pages services already rendered (Gridgate's own, or a sandbox payload's). */
export function answerFromServices(query: SubscribedServicesQuery, services: readonly ServiceSouscrit[]): SubscribedServicesAnswer {
  const selected = services.filter((service) => matches(query, service));
  if (query.comptage) return { nbTotalServices: selected.length };
  const first = (query.page - 1) * SERVICES_PAGE_SIZE;
  // An empty result keeps the key: a typed client finds the array it expects.
  return { nbTotalServices: selected.length, serviceSouscrit: selected.slice(first, first + SERVICES_PAGE_SIZE) };
}

/**
 * The services of one consent, withdrawal side first: the load curve (unless
 * its collection is opposed), max power (consumption only), index and daily
 * energy, per side of the point; then one ITC service for the contract data.
 */
export function servicesOfConsent(consent: ConsentForServices): ServiceSouscrit[] {
  const { point } = consent;
  const curve = point.loadCurveCollection === 'enabled';
  const wanted: { type: MeasureType; step: string; withdrawal: boolean }[] = [];
  for (const withdrawal of [true, false]) {
    if (withdrawal ? !consumes(point) : !produces(point)) continue;
    if (curve) wanted.push({ type: 'CDC', step: stepName(point.stepSeconds), withdrawal });
    if (withdrawal) wanted.push({ type: 'PMAX', step: 'P1D', withdrawal });
    wanted.push({ type: 'IDX', step: 'P1D', withdrawal }, { type: 'ENERGIE', step: 'P1D', withdrawal });
  }
  wanted.push({ type: 'ITC', step: 'NA', withdrawal: consumes(point) });
  return wanted.map((w, i) => ({
    // Unique per consent and stable between calls.
    id: `${consent.autorisationId}${String(i + 1).padStart(2, '0')}`,
    injection: !w.withdrawal,
    soutirage: w.withdrawal,
    serviceCode: 'ACCES',
    dateDebut: formatIsoDate(consent.startDay),
    dateFin: formatIsoDate(consent.endDay),
    etatCode: consent.state,
    etatLibelle: STATE_LABELS[consent.state],
    pointId: consent.usagePointId,
    ...(consent.holderSiren != null && { sirenTitulaire: consent.holderSiren }),
    ...(consent.partnerSiren != null && { sirenBeneficiaire: consent.partnerSiren }),
    mesuresTypeCode: w.type,
    mesuresPas: w.step,
    mesuresCorrigees: false,
    espaceDynamique: true,
    publicationDonnees: false,
    autorisation: {
      autorisationId: consent.autorisationId,
      // The sandbox's label pattern: DATACONNECT_C5_ACTIF.
      autorisationLibelle: `DATACONNECT_${point.segment}_${consent.state}`,
      autorisationType: 'EXPLICITE',
      // Not in the Swagger; the sandbox sends ACTIVE on a live authorisation and no other value is known.
      ...(consent.state === 'ACTIF' && { autorisationStatut: 'ACTIVE' }),
    },
  }));
}

function matches(query: SubscribedServicesQuery, service: ServiceSouscrit): boolean {
  if (query.autorisationId !== undefined && service.autorisation.autorisationId !== query.autorisationId) return false;
  if (query.pointIds && !query.pointIds.includes(service.pointId)) return false;
  if (query.sirens && (service.sirenTitulaire === undefined || !query.sirens.includes(service.sirenTitulaire))) return false;
  if (!(query.etatCodes as string[]).includes(service.etatCode)) return false;
  if (service.serviceCode !== query.serviceType) return false;
  if (query.mesureTypeCodes && !(query.mesureTypeCodes as string[]).includes(service.mesuresTypeCode)) return false;
  if ((query.soutirage || query.injection) && !((query.soutirage && service.soutirage) || (query.injection && service.injection))) return false;
  // ISO dates compare as strings.
  if (query.dateDebut !== undefined && service.dateDebut < query.dateDebut) return false;
  if (query.dateFin !== undefined && service.dateFin < query.dateFin) return false;
  // Every service Gridgate or the sandbox answers comes from an authorisation.
  if (query.autorisation === false) return false;
  return true;
}
