package billing

import (
	"testing"

	"github.com/carepath/carepath"
)

// The NPIs in tests are made-up numbers with valid check digits.
const (
	npiClinician = "1234567893"
	npiPhysician = "1245319599"
	npiClinic    = "1003000126"
)

// fakeCodes is a stand-in for *icd10.Set: the billable codes the tests use.
type fakeCodes map[string]bool

func (f fakeCodes) Billable(code string) bool { return f[formatCodes([]string{code})[0]] }

var testCodes = fakeCodes{"F10.20": true, "F33.1": true, "F41.1": true, "Z63.72": true, "F43.10": true}

// selfPayTable prices every service at round figures: 90832 $100, 90834 $150, 90837 $200, family
// $175, group $60, 90791 $250, E/M $90–$250, IOP day $300.
func testTable(format ClaimFormat, perDiem bool) RateTable {
	return RateTable{ProgramID: "p1", Format: format, PerDiem: perDiem, Prices: map[Service]carepath.Cents{
		ServicePsychotherapy30: 10000, ServicePsychotherapy45: 15000, ServicePsychotherapy60: 20000,
		ServiceFamilyWithout: 17500, ServiceFamilyWith: 17500, ServiceGroup: 6000, ServiceAssessment: 25000,
		ServiceMedication2: 9000, ServiceMedication3: 12000, ServiceMedication4: 18000, ServiceMedication5: 25000,
		ServiceMedicationNew2: 11000, ServiceMedicationNew3: 16000, ServiceMedicationNew4: 24000, ServiceMedicationNew5: 31000,
		ServiceMedicationUnleveled: 12000,
		ServiceIOPDayMentalHealth:  30000, ServiceIOPDaySubstanceUse: 30000,
	}}
}

func fieldsOf(t *testing.T, err error) []string {
	t.Helper()
	var out []string
	for _, f := range carepath.ErrorFields(err) {
		out = append(out, f.Field)
	}
	return out
}

func rules(hs []Hold) []string {
	var out []string
	for _, h := range hs {
		if !h.Warning {
			out = append(out, h.Rule)
		}
	}
	return out
}
