// class-transformer keeps `@Type` metadata in a storage its index does not export; the OpenAPI
// converter reads it to find nested DTO classes (arrays of them have design type Array).
declare module 'class-transformer/cjs/storage.js' {
  export const defaultMetadataStorage: {
    findTypeMetadata(target: Function, propertyName: string): { typeFunction: (options?: unknown) => Function } | undefined;
  };
}
