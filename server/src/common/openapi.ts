import { getMetadataStorage } from 'class-validator';
type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ERROR_CODES, ERRORS, GENERIC_API_ERRORS, TAG_API_ERRORS, type ErrorCode } from '@weigrid/shared';
import { isNullableField } from './optional.js';
import { RESPONSE_SCHEMAS } from './response-schemas.generated.js';
import type { RouteInfo } from './route-table.js';

type Ctor = abstract new (...args: never[]) => unknown;
type SchemaObject = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>[string];

/** What the validators of one DTO property accept, in OpenAPI terms (the options of `@ApiProperty`). */
export interface FieldDoc {
  required: boolean;
  nullable?: boolean;
  type?: string | Ctor;
  isArray?: boolean;
  items?: Record<string, unknown>;
  enum?: unknown[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minItems?: number;
  maxItems?: number;
  description?: string;
}

const TYPE_OF: Record<string, string> = {
  isInt: 'integer',
  isNumber: 'number',
  isString: 'string',
  matches: 'string',
  isLength: 'string',
  minLength: 'string',
  maxLength: 'string',
  isIso8601: 'string',
  isDateString: 'string',
  isBoolean: 'boolean',
  isObject: 'object',
};
const TYPE_RANK = ['object', 'boolean', 'string', 'number', 'integer'];
/** Validators whose meaning is fully carried by the keywords below; any other is named in the description. */
const DESCRIBED = new Set([...Object.keys(TYPE_OF), 'isIn', 'isArray', 'min', 'max', 'arrayMaxSize', 'arrayMinSize']);

function validatorName(m: ValidationMetadata): string {
  if (m.name) return m.name;
  const constraint = m.constraintCls && getMetadataStorage().getTargetValidatorConstraints(m.constraintCls)[0];
  return constraint?.name ?? m.constraintCls?.name ?? m.type;
}

/** Every class the validation pipe can check: each has metadata in class-validator's storage. */
export function validatedClasses(): Ctor[] {
  return [...(getMetadataStorage() as unknown as { validationMetadatas: Map<Ctor, unknown> }).validationMetadatas.keys()];
}

/** The class a property's value is turned into (class-transformer `@Type`, else its design type if validated). */
function nestedClass(cls: Ctor, key: string): Ctor | undefined {
  const typeFn = defaultMetadataStorage.findTypeMetadata(cls as unknown as Function, key)?.typeFunction;
  const t = (typeFn?.() ?? Reflect.getMetadata('design:type', cls.prototype as object, key)) as Ctor | undefined;
  if (!t || [String, Number, Boolean, Array, Object, Date].includes(t as never)) return undefined;
  return validatedClasses().includes(t) ? t : undefined;
}

/**
 * The fields of a DTO as its validators (inherited ones included) accept them: type, limits,
 * enums, whether required or nullable. One source for the OpenAPI spec and the fuzz test, so
 * neither can drift from what the server enforces.
 */
export function describeDto(cls: Ctor): Record<string, FieldDoc> {
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls as unknown as Function, '', true, false);
  const byKey = new Map<string, ValidationMetadata[]>();
  for (const m of metas) byKey.set(m.propertyName, [...(byKey.get(m.propertyName) ?? []), m]);
  const out: Record<string, FieldDoc> = {};
  for (const [key, ms] of byKey) {
    const conditional = ms.some((m) => m.type === 'conditionalValidation');
    const doc: FieldDoc = { required: !conditional };
    const item: FieldDoc = { required: true };
    const others: string[] = [];
    for (const m of ms) {
      const name = validatorName(m);
      const target = m.each ? item : doc;
      if (m.type === 'nestedValidation' || m.type === 'isDefined' || m.type === 'conditionalValidation' || m.type === 'whitelistValidation') continue;
      const c = (m.constraints ?? []) as unknown[];
      const t = TYPE_OF[name];
      if (t && (!target.type || TYPE_RANK.indexOf(t) > TYPE_RANK.indexOf(target.type as string))) target.type = t;
      switch (name) {
        case 'isIn':
          target.enum = [...(c[0] as unknown[])];
          break;
        case 'isArray':
          doc.isArray = true;
          break;
        case 'min':
          target.minimum = Math.max(target.minimum ?? -Infinity, c[0] as number);
          break;
        case 'max':
          target.maximum = Math.min(target.maximum ?? Infinity, c[0] as number);
          break;
        case 'isLength':
          target.minLength = Math.max(target.minLength ?? 0, c[0] as number);
          if (typeof c[1] === 'number') target.maxLength = Math.min(target.maxLength ?? Infinity, c[1]);
          break;
        case 'minLength':
          target.minLength = Math.max(target.minLength ?? 0, c[0] as number);
          break;
        case 'maxLength':
          target.maxLength = Math.min(target.maxLength ?? Infinity, c[0] as number);
          break;
        case 'matches':
          target.pattern = c[0] instanceof RegExp ? c[0].source : String(c[0]);
          break;
        case 'isIso8601':
        case 'isDateString':
          target.format = 'date-time';
          break;
        case 'arrayMaxSize':
          doc.maxItems = c[0] as number;
          doc.isArray = true;
          break;
        case 'arrayMinSize':
          doc.minItems = c[0] as number;
          doc.isArray = true;
          break;
        default:
          if (!DESCRIBED.has(name)) others.push(name);
      }
    }
    const nested = nestedClass(cls, key);
    if (nested) {
      if (doc.isArray || Reflect.getMetadata('design:type', cls.prototype as object, key) === Array) doc.isArray = true;
      doc.type = nested;
    }
    if (doc.enum && !doc.type) doc.type = typeof doc.enum[0] === 'number' ? 'number' : 'string';
    if (item.enum && !item.type) item.type = typeof item.enum[0] === 'number' ? 'number' : 'string';
    if (doc.isArray && !nested) {
      const { required: _r, ...itemSchema } = item;
      doc.type = 'array';
      delete doc.isArray;
      doc.items = Object.keys(itemSchema).length ? itemSchema : {};
      if (!('type' in doc.items)) doc.items.type = 'string';
    } else if (!doc.type) {
      const design = Reflect.getMetadata('design:type', cls.prototype as object, key) as unknown;
      doc.type = design === Number ? 'number' : design === Boolean ? 'boolean' : design === String ? 'string' : 'object';
    }
    // `@IsOptional()` (and the NullableField built on it) lets null through; OptionalField does not.
    if (isNullableField(cls.prototype as object, key) || ms.some((m) => validatorName(m) === 'isOptional')) doc.nullable = true;
    if (others.length) doc.description = `also checked: ${others.join(', ')}`;
    out[key] = doc;
  }
  return out;
}

/**
 * Gives every validated class the metadata factory the Swagger CLI plugin would generate, so
 * `SwaggerModule.createDocument` documents bodies and query DTOs (as parameters) from their
 * validators. Explicit `@ApiProperty` options win where given.
 */
export function documentDtosFromValidators(): void {
  for (const cls of validatedClasses()) {
    if (Object.prototype.hasOwnProperty.call(cls, '_OPENAPI_METADATA_FACTORY')) continue;
    const fields = describeDto(cls);
    Object.defineProperty(cls, '_OPENAPI_METADATA_FACTORY', { value: () => fields, configurable: true });
  }
}

type Operation = {
  tags?: string[];
  security?: unknown[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, unknown> };
  responses: Record<string, { description?: string; content?: Record<string, unknown> }>;
  'x-error-codes'?: ErrorCode[];
};

/** The error codes an operation may answer, from what it takes and the shared table by tag. */
export function operationErrorCodes(op: Operation): ErrorCode[] {
  const codes = new Set<ErrorCode>(GENERIC_API_ERRORS.any);
  const add = (list: readonly ErrorCode[]) => list.forEach((c) => codes.add(c));
  if (op.security?.length) add(GENERIC_API_ERRORS.auth);
  const content = Object.keys(op.requestBody?.content ?? {});
  if (content.includes('multipart/form-data')) add(GENERIC_API_ERRORS.multipart);
  else if (content.length) add(GENERIC_API_ERRORS.body);
  if (op.parameters?.some((p) => p.in === 'query')) add(GENERIC_API_ERRORS.query);
  if (op.parameters?.some((p) => p.in === 'path')) add(GENERIC_API_ERRORS.path);
  for (const tag of op.tags ?? []) add(TAG_API_ERRORS[tag] ?? []);
  return ERROR_CODES.filter((c) => codes.has(c));
}

/**
 * The success body of a route by media type, from its controller method's return type (read at
 * build time: scripts/gen-response-schemas.mjs); undefined when the method answers with no body,
 * or is not in the generated file (the spec test names such routes).
 */
export function successBody(r: Pick<RouteInfo, 'controller' | 'handler'>): Record<string, { schema: Record<string, unknown> }> | undefined {
  const media = RESPONSE_SCHEMAS.operations[`${r.controller}.${r.handler}`];
  if (!media) return undefined;
  return Object.fromEntries(Object.entries(media).map(([type, schema]) => [type, { schema }]));
}

/**
 * Completes what `createDocument` leaves out, from the route table: multipart bodies, query
 * parameters read by name, the success status of operations that declare only error responses,
 * the schema of every success body (and the types it refers to); then adds the error envelope and,
 * to every operation, one response per error status listing its codes (also as `x-error-codes`).
 */
export function completeSpec(doc: OpenAPIObject, routes: RouteInfo[]): OpenAPIObject {
  doc.components ??= {};
  doc.components.schemas ??= {};
  for (const [name, schema] of Object.entries(RESPONSE_SCHEMAS.schemas)) {
    // A request DTO class and a response type of one name would make one of them wrong in the spec.
    if (name in doc.components.schemas) throw new Error(`OpenAPI: response type ${name} has the name of a request schema; rename one`);
    doc.components.schemas[name] = schema as SchemaObject;
  }
  doc.components.schemas.ErrorEnvelope = {
    type: 'object',
    required: ['code', 'message'],
    properties: {
      code: { type: 'string', enum: [...ERROR_CODES] },
      message: { type: 'string' },
      details: { description: 'per code; for VALIDATION_FAILED `{fields: {name: message}}`' },
    },
  };
  for (const r of routes) {
    const op = (doc.paths[r.openapiPath] as Record<string, Operation> | undefined)?.[r.method.toLowerCase()];
    if (!op) continue;
    if (r.multipart && !op.requestBody) {
      op.requestBody = {
        content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } } },
      } as Operation['requestBody'];
    }
    for (const name of r.queryNames) {
      op.parameters ??= [];
      if (!op.parameters.some((p) => p.in === 'query' && p.name === name)) op.parameters.push({ in: 'query', name, required: false, schema: { type: 'string' } } as never);
    }
    if (!Object.keys(op.responses).some((s) => s.startsWith('2'))) op.responses[String(r.successStatus)] = {};
    const body = successBody(r);
    if (body) op.responses[String(r.successStatus)] = { ...op.responses[String(r.successStatus)], content: body };
    for (const [status, res] of Object.entries(op.responses)) if (!res.description) res.description = status === '204' ? 'No Content' : status === '201' ? 'Created' : 'OK';
    const codes = operationErrorCodes(op);
    op['x-error-codes'] = codes;
    const byStatus = new Map<number, ErrorCode[]>();
    for (const c of codes) byStatus.set(ERRORS[c].status, [...(byStatus.get(ERRORS[c].status) ?? []), c]);
    for (const [status, list] of [...byStatus].sort((a, b) => a[0] - b[0])) {
      op.responses[String(status)] = {
        description: list.map((c) => `${c}: ${ERRORS[c].zh}`).join('; '),
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } },
      };
    }
  }
  return doc;
}
