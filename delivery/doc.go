// Package delivery is the pure core of delivering a program: weekly recurrences expanded in
// the program's time zone (correct across daylight-saving changes), dated group rosters,
// double-booking checks, program dose per ISO week, attendance alerts and the quality-of-care
// figures. It imports only carepath and the standard library and never sees a database or a
// request; the store and the pages call it with plain values.
package delivery
