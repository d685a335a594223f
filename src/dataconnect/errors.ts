import { AppError } from '../platform/errors.ts';

/**
 * The one catalogue of Data Connect errors (enedis-data-connect.md §13.27):
 * each refusal has a v5 form (v3, v4, v5 and Mesures V1) and a v2 form (the
 * 2026 measure API, also used by the other 2026 APIs, whose Swaggers declare
 * the same `{"code", "message"}` bodies). Bodies are exactly what Enedis's
 * clients match on.
 */
export type DataConnectErrorKey =
  | 'missing_credentials'
  | 'invalid_credentials'
  | 'not_subscribed'
  | 'quota_q3'
  | 'quota_q4'
  | 'invalid_request'
  | 'start_not_before_end'
  | 'end_after_today'
  | 'history_deadline'
  | 'curve_over_7_days'
  | 'before_activation'
  | 'before_contract'
  | 'no_consent'
  | 'not_owner'
  | 'curve_opposed'
  | 'wrong_direction'
  | 'no_data'
  | 'no_customer_data'
  | 'not_found'
  | 'technical';

/**
 * Which bodies a route answers with: `v5` (metering of v3, v4 and v5),
 * `v5_customers` (customers of v3 and v5: lower-case `invalid_request`),
 * `mesures_v1` (the v5 bodies, in French where the 2026 gateway is known to
 * answer so), `v2` (every 2026 API but Mesures V1: `{"code", "message"}`).
 */
export type DataConnectFlavour = 'v5' | 'v5_customers' | 'mesures_v1' | 'v2';

interface Rendered {
  status: number;
  body: Record<string, unknown>;
}

const gateway = (code: string, message: string, description: string): Record<string, unknown> => ({ code, message, description });
const adam = (error: string, description: string): Record<string, unknown> => ({ error, error_description: description });
const v2 = (code: string, message: string): Record<string, unknown> => ({ code, message });

/** Renders a refusal; `detail` is the parameter sentence of `invalid_request` (English for v5, French for v2), or the local time a quota reopens. */
export function renderDataConnectError(key: DataConnectErrorKey, flavour: DataConnectFlavour, detail?: { en: string; fr: string }): Rendered {
  const modern = flavour === 'v2';
  switch (key) {
    case 'missing_credentials':
      return { status: 401, body: gateway('900902', 'Missing Credentials', 'Make sure your API invocation call has a header: "Authorization: Bearer ACCESS_TOKEN"') };
    case 'invalid_credentials':
      return { status: 401, body: gateway('900901', 'Invalid Credentials', 'Access failure for API: invalid, expired or revoked token. Make sure you have given the correct access token') };
    case 'not_subscribed':
      return { status: 403, body: gateway('900908', 'Resource forbidden ', 'User is NOT authorized to access the Resource. API Subscription validation failed.') };
    case 'quota_q3':
    case 'quota_q4':
      return { status: 429, body: modern ? v2('429', 'SLA dépassé') : adam(key === 'quota_q3' ? 'Quota Q3 reached' : 'Quota Q4 reached', `Call threshold allowed on ${detail?.en ?? ''}`) };
    case 'invalid_request':
      return { status: 400, body: modern ? v2('invalid_request', detail?.fr ?? 'Requête invalide') : adam(flavour === 'v5_customers' ? 'invalid_request' : 'Invalid_request', detail?.en ?? 'Empty header, bad request format, partial or incorrect data') };
    case 'start_not_before_end':
      return { status: 400, body: modern ? v2('invalid_request', 'La date de début doit être antérieure à la date de fin') : adam('Invalid_request', 'Start date should be before end date') };
    case 'end_after_today':
      return { status: 400, body: modern ? v2('invalid_request', 'La date de fin doit être antérieure ou égale à la date du jour') : adam('Invalid_request', 'The end date parameter must be earlier than the current date') };
    case 'history_deadline':
      return { status: 400, body: modern ? v2('ADAM-ERR0125', "La date de début doit être postérieure à la date limite d'historique") : adam('ADAM-ERR0125', 'The start date must be greater than the history deadline') };
    case 'curve_over_7_days':
      return { status: 400, body: modern ? v2('ADAM-DC-0015', "La période demandée doit être inférieure à 7 jours pour l'accès à la courbe de charge") : adam('ADAM-DC-0015', 'The requested period must be less than 7 days for an access to the load curve') };
    case 'before_activation':
      // The 2026 gateway keeps the v5 body for this one, in French (captured); Mesures V1 goes through the same gateway.
      return {
        status: 400,
        body: modern || flavour === 'mesures_v1'
          ? adam('ADAM-ERR0123', 'La demande ne peut pas aboutir, la période demandée est antérieure à la date de dernière mise en service du point.')
          : adam('ADAM-ERR0123', "The requested period cannot be anterior to the meter's last activation date"),
      };
    case 'before_contract':
      return { status: 403, body: modern ? v2('ADAM-DC-0009', 'La date de début de la demande doit être postérieure à la date de début du consentement.') : adam('ADAM-DC-0009', 'The start date of the request must be greater than the consent start date.') };
    case 'no_consent':
      return { status: 403, body: modern ? v2('ADAM-DC-0008', "Aucun consentement n'a été trouvé pour ce client et ce point.") : adam('ADAM-DC-0008', 'No consent can be found for this customer and this usage point.') };
    case 'not_owner':
      return modern ? { status: 400, body: v2('ADAM-DC-0007', "Le client n'est pas titulaire du point demandé.") } : { status: 403, body: adam('ADAM-DC-0007', 'The customer is not owner of this usage point.') };
    case 'curve_opposed':
      return { status: 400, body: modern ? v2('ADAM-ERR0075', "Le client s'est opposé à l'enregistrement de la courbe de charge") : adam('ADAM-ERR0075', 'The customer objected to the load curve recording') };
    case 'wrong_direction': {
      const text = 'Le sens de la mesure ne correspond pas pour le PRM demandé.';
      return { status: 400, body: modern ? v2('ADAM-ERR0069', text) : adam('ADAM-ERR0069', text) };
    }
    case 'no_data':
      return { status: 404, body: modern ? v2('no_data_found', 'Pas de mesure trouvée pour ce point') : adam('no_data_found', 'no measure found for this usage point') };
    case 'no_customer_data':
      // The 2026 contract APIs (ITC) repeat the v5 code with the French message of their Swagger.
      return { status: 404, body: modern ? v2('STM-ERR-0000019', 'PRM non existant') : adam('STM-ERR-0000019', 'Unknown or unauthorized user') };
    case 'not_found':
      // A path the gateway does not serve (Mesures V1 when withdrawn, its index resources): the WSO2 body.
      return { status: 404, body: gateway('404', 'Not Found', 'The requested resource is not available.') };
    case 'technical':
      return { status: 500, body: modern ? v2('500', "Problème technique dans l'interrogation du SI coeur") : adam('ADAM-DC-0500', 'Technical Exception') };
  }
}

/** A refusal raised by a Data Connect handler; the scope's error handler renders it in the route's flavour. */
export class DataConnectError extends AppError {
  readonly key: DataConnectErrorKey;
  readonly detail: { en: string; fr: string } | undefined;
  /**
   * The consent the refused call concerned (`consent:<id>`), for the audit
   * log: the customer's access log then shows attempts refused under it
   * (after a revocation, or against an opposition).
   */
  basis: string | undefined;

  constructor(key: DataConnectErrorKey, detail?: { en: string; fr: string }, basis?: string) {
    super(400, key, detail?.en ?? key);
    this.key = key;
    this.detail = detail;
    this.basis = basis;
  }
}
