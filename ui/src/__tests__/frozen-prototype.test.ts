import { describe, expect, it } from 'vitest'
import vm from 'node:vm'
import { readFileSync } from 'node:fs'
import { allowEchartsMockMethods, allowPrototypeOverrides } from '../../build/frozen-prototype'

// What dayjs does, minified, in a strict-mode module.
const LIB = `"use strict";
function H(d){this.d=d}
var q=H.prototype;
q.valueOf=function(){return this.d};
q.toString=function(){return "H"+this.d};
var ok = (new H(2)).valueOf()===2 && String(new H(3))==="H3" && (1).valueOf()===1;
ok`

function runFrozen(code: string): unknown {
  const ctx = vm.createContext({})
  vm.runInContext('Object.freeze(Object.prototype)', ctx)
  return vm.runInContext(code, ctx)
}

describe('allowPrototypeOverrides', () => {
  it('lets libraries define valueOf/toString under a frozen Object.prototype', () => {
    expect(() => runFrozen(LIB)).toThrow(/read only|read-only/)
    expect(runFrozen(allowPrototypeOverrides(LIB))).toBe(true)
  })

  it('leaves comparisons, calls and member chains alone', () => {
    const src = 'a.valueOf==b;a.toString();x.y.valueOf=f;c.valueOf=>1'
    expect(allowPrototypeOverrides(src)).toBe(src)
  })

  it('lets ECharts stub its API objects (a prototype with an enumerable constructor)', () => {
    const id = 'node_modules/echarts/lib/core/Scheduler.js'
    const file = readFileSync(id, 'utf8')
    const patched = allowEchartsMockMethods(`/x/${id}`, file)!
    expect(allowEchartsMockMethods('/x/node_modules/echarts/lib/core/other.js', file)).toBeNull()
    const fn = (src: string) => src.slice(src.indexOf('function mockMethods'), src.indexOf('\n}\n', src.indexOf('function mockMethods')) + 3)
    // A class as tslib's __extends builds it, stubbed as ECharts does.
    const lib = (mock: string) => `"use strict";
function noop() {}
${mock}
function B() {}
function A() {}
function __() { this.constructor = A }
__.prototype = B.prototype
A.prototype = new __()
A.prototype.run = function () { return 1 }
var t = {}
mockMethods(t, A)
typeof t.run === 'function' && t.run === noop`
    expect(() => runFrozen(lib(fn(file)))).toThrow(/read only|read-only|readonly/i)
    expect(runFrozen(lib(fn(patched)))).toBe(true)
  })
})
