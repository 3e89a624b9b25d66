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


// ECharts stubs an API object by copying every enumerable name of a class's prototype onto a plain object
// (`mockMethods` in echarts/lib/core/Scheduler.js: `target[name] = noop`). Its classes are compiled with
// tslib's __extends, which leaves an enumerable `constructor` on each prototype, so the copy assigns
// `constructor` — read-only under a frozen Object.prototype — and the chart module throws on load.
// Defining the property instead is the same copy, legal under the freeze.
const ECHARTS_MOCK = /target\[name_1\] = noop;/

export function allowEchartsMockMethods(id: string, code: string): string | null {
  if (!/[\\/]echarts[\\/]lib[\\/]core[\\/]Scheduler\.js$/.test(id)) return null
  if (!ECHARTS_MOCK.test(code)) throw new Error('echarts: mockMethods changed; review build/frozen-prototype.ts')
  return code.replace(
    ECHARTS_MOCK,
    'Object.defineProperty(target, name_1, { value: noop, writable: true, enumerable: true, configurable: true });',
  )
}
