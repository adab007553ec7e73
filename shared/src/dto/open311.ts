/** External systems (Open311 GeoReport v2 clients, 12345 hotlines): their admin API and the hotline intake. */

export type ApiClientKind = 'open311' | 'hotline';

/** POST /open311/clients — a city admin creates a client scoped to a node under them. */
export interface ApiClientInputRequest {
  /** Lower-case id, also the x-weigrid-source of a hotline's signed orders. */
  name: string;
  label?: string;
  kind: ApiClientKind;
  /** Grid code of the node the client may file under (and, with callbackScope 'node', follows). */
  nodeCode: string;
  /** Requests per minute (default 60). */
  ratePerMin?: number;
  /** Where state changes are posted (HMAC-signed); unset: no callbacks. */
  callbackUrl?: string;
  callbackScope?: 'own' | 'node';
  /** A micro-grid (often virtual) for cases that come with an address only. */
  fallbackGridCode?: string;
  /** Hotline orders whose category hint matches nothing are filed under this category. */
  defaultCategory?: string;
}

export interface ApiClientDto {
  id: number;
  name: string;
  label: string;
  kind: ApiClientKind;
  nodeCode: string;
  ratePerMin: number;
  callbackUrl: string | null;
  callbackScope: 'own' | 'node';
  fallbackGridCode: string | null;
  defaultCategory: string | null;
  /** The api key's first characters (the key itself is shown once, at creation). */
  keyPrefix: string;
  createdAt: string;
  revokedAt: string | null;
}

/** The answer that creates a client: its api key and HMAC secret, shown this once only. */
export interface ApiClientCreatedDto extends ApiClientDto {
  apiKey: string;
  /** HMAC-SHA256 key (hex): signs hotline orders and the callbacks sent to the client. */
  secret: string;
}

export interface ApiClientAuditDto {
  at: string;
  action: string;
  actorId: number | null;
  data: Record<string, unknown> | null;
}

/** One extra question of a service (GeoReport v2 attribute), as admins set them. */
export interface Open311AttributeInput {
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required?: boolean;
  variable?: boolean;
  description: string;
  datatypeDescription?: string;
  order?: number;
  values?: { key: string; name: string }[];
}

export interface Open311AttributesRequest {
  attributes: Open311AttributeInput[];
}

/** POST /open311/hotline/orders — a 12345 work order (signed like machine intake). */
export interface HotlineOrderRequest {
  /** The hotline's own id: a resend with the same id returns the same case. */
  orderId: string;
  /** Category code or name; unknown hints fall back to the client's default category. */
  categoryHint?: string;
  content: string;
  address?: string;
  location?: { lat: number; lng: number; crs?: 'gcj02' | 'wgs84' };
  /** The caller: stored encrypted, shown only to staff in scope (each reading audited). */
  contact?: { name?: string; phone?: string };
  /** 办结时限, W3C datetime with offset. */
  deadline?: string;
}

export interface HotlineOrderDto {
  orderId: string;
  /** The event id, also the Open311 service_request_id. */
  eventId: number;
  state: string;
  microGrid: { code: string; name: string };
  replayed: boolean;
}

/** GET /open311/requests/:eventId/contact — the caller's or requester's contact (staff in scope). */
export interface ExternalContactDto {
  eventId: number;
  client: string;
  externalId: string;
  contact: Record<string, string>;
}
