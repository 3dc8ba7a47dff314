// x12parse.js parses an X12 file with node-x12, an independent parser, in strict mode (which
// checks the segment count in SE01 and the control numbers of GE02 and IEA02), and prints the
// interchange as JSON for the Go tests to compare segment by segment.
//
// usage: node x12parse.js MODULE_ROOT FILE
'use strict'
const fs = require('fs')
const path = require('path')
const { X12Parser } = require(path.join(process.argv[2], 'node_modules', 'node-x12'))

const edi = fs.readFileSync(process.argv[3], 'utf8')
const interchange = new X12Parser(true).parse(edi)
const values = segment => segment.elements.map(e => e.value)
const out = {
  isa: values(interchange.header),
  iea: values(interchange.trailer),
  groups: interchange.functionalGroups.map(g => ({
    gs: values(g.header),
    ge: values(g.trailer),
    transactions: g.transactions.map(t => ({
      st: values(t.header),
      se: values(t.trailer),
      segments: t.segments.map(s => [s.tag, ...values(s)])
    }))
  }))
}
process.stdout.write(JSON.stringify(out))
