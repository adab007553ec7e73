import { IsOptional, ValidateIf } from 'class-validator';

const NULLABLE = Symbol('weigrid:nullable');

/**
 * The field may be left out; when sent it is validated as usual, so `null` gets 422 like any other
 * wrong type. Use it instead of class-validator's `@IsOptional()`, which lets `null` through to
 * services that do not expect it (a 500 on a non-null column).
 */
export function OptionalField(): PropertyDecorator {
  return ValidateIf((_o: object, value: unknown) => value !== undefined);
}

/**
 * The field may be left out, or be `null` to clear it (its column is nullable and the service
 * writes the null). Validators apply to any other value.
 */
export function NullableField(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key as string);
    Reflect.defineMetadata(NULLABLE, true, target, key);
  };
}

export function isNullableField(prototype: object, key: string): boolean {
  return Reflect.getMetadata(NULLABLE, prototype, key) === true;
}
