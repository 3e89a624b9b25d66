// The Tauri shell sets `freezePrototype`, which makes Object.prototype's own properties read-only.
// Code that *assigns* one of them on an object that only inherits it (dayjs does
// `proto.valueOf = function …`, and Element Plus needs dayjs) then throws in strict mode and the
// page stays blank. Defining the property on the object first makes the assignment legal and
// changes nothing else.
const OVERRIDE =
  /(?<![\w$.])([A-Za-z_$][\w$]*)\.(valueOf|toString|toLocaleString|hasOwnProperty|isPrototypeOf|propertyIsEnumerable)(\s*=(?![=>]))/g

export function allowPrototypeOverrides(code: string): string {
  return code.replace(
    OVERRIDE,
    (_m, obj: string, key: string, eq: string) =>
      `Object.defineProperty(${obj},"${key}",{value:void 0,writable:!0,configurable:!0}).${key}${eq}`,
  )
}

