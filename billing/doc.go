// Package billing turns what happened in care into money, by rules a clinic can read: a
// program's rate table (what each service is coded and priced at, per payer), charges computed
// from attended sessions and signed notes (never typed twice), claims with the Medicare
// intensive-outpatient rules checked before they leave, authorizations with their burn-down and
// alerts, the client's share under a coverage plan, posted payments and balances, and the
// good-faith estimate an uninsured or self-pay person is owed. It is pure: it works on plain
// values, never sees a database or a request, and imports the standard library, carepath and cost.
//
// Codes are public identifiers only: HCPCS Level II codes, CPT code numbers, NUBC revenue codes,
// CMS place-of-service codes and ICD-10-CM codes. Labels are carepath's own words; CPT descriptor
// text is never used. Amounts are integer cents. Dates are civil dates, YYYY-MM-DD.
package billing
