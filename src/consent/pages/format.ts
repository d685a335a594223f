import { parse } from 'tinyduration';
import type { UsagePointRow } from '../../grid/grid.tables.ts';
import type { TimeZone } from '../../platform/time/zone.ts';

export function frenchDate(ms: number, zone: TimeZone): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone: zone.name, dateStyle: 'long' }).format(ms);
}

export function frenchDateTime(ms: number, zone: TimeZone): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone: zone.name, dateStyle: 'short', timeStyle: 'medium' }).format(ms);
}

const UNITS: [keyof ReturnType<typeof parse>, string, string][] = [
  ['years', 'an', 'ans'], ['months', 'mois', 'mois'], ['weeks', 'semaine', 'semaines'], ['days', 'jour', 'jours'],
  ['hours', 'heure', 'heures'], ['minutes', 'minute', 'minutes'], ['seconds', 'seconde', 'secondes'],
];

/** `P1Y4M` → "1 an et 4 mois", for the consent page. */
export function durationWords(text: string): string {
  const duration = parse(text);
  const words = UNITS.flatMap(([key, one, many]) => {
    const n = duration[key] as number | undefined;
    return n ? [`${n} ${n === 1 ? one : many}`] : [];
  });
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} et ${words.at(-1)}` : (words[0] ?? text);
}

export function pointLabel(point: Pick<UsagePointRow, 'id' | 'street' | 'postalCode' | 'city'>): string {
  return `${point.street}, ${point.postalCode} ${point.city}`;
}

export function directionLabel(point: Pick<UsagePointRow, 'direction'>): string {
  return { consumption: 'consommation', production: 'production', both: 'consommation et production' }[point.direction];
}

/** What each Data Connect operation reads, in the customer's words. */
const OPERATION_LABELS: Record<string, string> = {
  metering_data_dc: 'Consommation quotidienne',
  metering_data_clc: 'Courbe de charge (consommation)',
  metering_data_dcmp: 'Puissance maximale quotidienne',
  metering_data_dp: 'Production quotidienne',
  metering_data_plc: 'Courbe de charge (production)',
  metering_data: 'Mesures',
  customers_upc: 'Contrat',
  customers_upa: 'Adresse du point',
  customers_i: 'Identité',
  customers_cd: 'Coordonnées',
  customers: 'Données client',
  mesure_synchrone_auto: 'Mesures',
  subscribed_services: 'Services souscrits',
  situation_contrat_auto: 'Situation contractuelle',
  synth_contrat_auto: 'Synthèse contractuelle',
  donnees_generales_auto: 'Données générales du point',
  situation_comptage_auto: 'Situation de comptage',
  alimentation_auto: 'Alimentation du point',
};

export function operationLabel(operation: string): string {
  return OPERATION_LABELS[operation] ?? operation;
}

/** The data a Data Connect consent opens, as the consent page lists it. */
export const SHARED_DATA: readonly string[] = [
  'vos consommations et productions quotidiennes et votre puissance maximale quotidienne',
  'vos courbes de charge (au pas de 30 minutes ou plus fin), si leur collecte est activée',
  'votre contrat, l’adresse du point, votre identité et vos coordonnées',
];

/** Refusals the access log can show, in the customer's words (the call named one of their consents). */
const REFUSED: Record<string, string> = {
  no_consent: 'Refusé : consentement révoqué ou expiré',
  curve_opposed: 'Refusé : vous vous êtes opposé à la collecte de votre courbe de charge',
  before_contract: 'Refusé : période antérieure à votre contrat',
  wrong_direction: 'Refusé : donnée que ce point ne mesure pas',
};

/** What came of a call the access log lists: read, read with nothing on the period, refused under the consent, or failed. */
export function accessOutcome(outcome: string): string {
  if (outcome === 'ok') return 'Lu';
  if (outcome === 'no_data') return 'Lu, aucune donnée sur la période';
  return REFUSED[outcome] ?? `Échec (${outcome})`;
}
