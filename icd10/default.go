package icd10

import (
	_ "embed"
	"strings"
	"sync"
)

// CodeSetYear is the ICD-10-CM release the shipped subset follows: fiscal year 2026, the code set
// in effect for dates of service from October 1, 2025 to September 30, 2026. A later release adds
// and retires codes; read CMS's icd10cm_order_YYYY.txt with Parse and lay it over with Set.With.
const CodeSetYear = "FY2026"

// subset is the shipped subset in CMS's order-file layout (see ParseOrder): every billable code of
// chapter 5 (F01–F99) with its headings, and the R45 and Z codes behavioral-health programs use
// (social determinants Z55–Z65, counseling Z71.4–Z71.9, personal history Z86.5, Z87.891, Z91.4,
// Z91.5, screening Z13.3). Long descriptions are CMS's. Where CMS's long description is longer than
// the 60-character short field, the short description is carepath's own abbreviation; an imported
// CMS file replaces it.
//
//go:embed icd10cm_order_2026_subset.txt
var subset string

var defaultSet = sync.OnceValue(func() *Set {
	codes, err := ParseOrder(strings.NewReader(subset))
	if err != nil {
		panic("icd10: the shipped code subset does not parse: " + err.Error())
	}
	return NewSet("ICD-10-CM "+CodeSetYear+" behavioral-health subset", codes)
})

// Default returns the shipped subset.
func Default() *Set { return defaultSet() }

// Lookup finds code in the shipped subset.
func Lookup(code string) (Code, bool) { return Default().Lookup(code) }

// Valid reports whether code is in the shipped subset, billable or a heading.
func Valid(code string) bool { return Default().Valid(code) }

// Billable reports whether code is a billable code of the shipped subset.
func Billable(code string) bool { return Default().Billable(code) }
