import { RequestMethod, type INestApplication } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';

type Ctor = abstract new (...args: never[]) => unknown;

/** One HTTP operation of the app as Nest knows it: where it is and what it reads from the request. */
export interface RouteInfo {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify/Nest pattern, e.g. /api/v1/events/:id */
  path: string;
  /** OpenAPI form, e.g. /api/v1/events/{id} */
  openapiPath: string;
  controller: string;
  handler: string;
  body?: Ctor;
  /** The DTO of `@Query() q: Dto`. */
  query?: Ctor;
  /** `@Query('g')` names. */
  queryNames: string[];
  pathParams: string[];
  /** Takes a multipart upload (`@ApiConsumes('multipart/form-data')`). */
  multipart: boolean;
  /** Behind `@Auth()` (a bearer token). */
  auth: boolean;
  /** The status of a successful answer (`@HttpCode`, else 201 for POST and 200 otherwise). */
  successStatus: number;
}

const METHODS: Partial<Record<RequestMethod, RouteInfo['method']>> = {
  [RequestMethod.GET]: 'GET',
  [RequestMethod.POST]: 'POST',
  [RequestMethod.PUT]: 'PUT',
  [RequestMethod.PATCH]: 'PATCH',
  [RequestMethod.DELETE]: 'DELETE',
};

const join = (...parts: string[]) => '/' + parts.flatMap((p) => p.split('/')).filter(Boolean).join('/');

/** Every controller route of the app (routes under `prefix`), with its body and query DTO classes, from Nest's own metadata. */
export function routeTable(app: INestApplication, prefix: string): RouteInfo[] {
  const out: RouteInfo[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const cls = wrapper.metatype as Ctor | null;
      if (!cls) continue;
      // Controllers left out of the OpenAPI document (Open311's GeoReport API, outside the prefix) are not API routes here.
      if ((Reflect.getMetadata('swagger/apiExcludeController', cls) as unknown[] | undefined)?.[0] === true) continue;
      const base = [Reflect.getMetadata(PATH_METADATA, cls) as string | string[] | undefined].flat()[0] ?? '';
      const guards = (Reflect.getMetadata('__guards__', cls) as Ctor[] | undefined) ?? [];
      for (const handler of Object.getOwnPropertyNames(cls.prototype)) {
        const fn = (cls.prototype as Record<string, unknown>)[handler];
        if (handler === 'constructor' || typeof fn !== 'function') continue;
        const rm = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
        const method = rm === undefined ? undefined : METHODS[rm];
        if (!method) continue;
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, cls, handler) ?? {}) as Record<string, { index: number; data?: string }>;
        const types = (Reflect.getMetadata('design:paramtypes', cls.prototype as object, handler) ?? []) as Ctor[];
        const info: Omit<RouteInfo, 'path' | 'openapiPath'> = {
          method,
          controller: cls.name,
          handler,
          queryNames: [],
          pathParams: [],
          multipart: ((Reflect.getMetadata('swagger/apiConsumes', fn) as string[] | undefined) ?? []).includes('multipart/form-data'),
          successStatus: (Reflect.getMetadata(HTTP_CODE_METADATA, fn) as number | undefined) ?? (method === 'POST' ? 201 : 200),
          auth: [...guards, ...((Reflect.getMetadata('__guards__', fn) as Ctor[] | undefined) ?? [])].some((g) => g.name === 'AuthGuard'),
        };
        for (const [key, a] of Object.entries(args)) {
          const kind = Number(key.split(':')[0]);
          if (kind === RouteParamtypes.BODY && !a.data) info.body = types[a.index];
          if (kind === RouteParamtypes.QUERY) {
            if (a.data) info.queryNames.push(a.data);
            else info.query = types[a.index];
          }
          if (kind === RouteParamtypes.PARAM && a.data) info.pathParams.push(a.data);
        }
        for (const p of [Reflect.getMetadata(PATH_METADATA, fn) as string | string[] | undefined].flat()) {
          const path = join(prefix, base, p ?? '');
          out.push({ ...info, path, openapiPath: path.replace(/:(\w+)/g, '{$1}') });
        }
      }
    }
  }
  return out;
}
