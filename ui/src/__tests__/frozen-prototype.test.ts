import { describe, expect, it } from 'vitest'
import vm from 'node:vm'
import { allowPrototypeOverrides } from '../../build/frozen-prototype'

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
})
