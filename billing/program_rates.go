package billing

import "github.com/carepath/carepath"

// NewRateTable builds a program's rate table from its rates (carepath.Rate), as AddProgramRate
// prices each.
func NewRateTable(programID string, rates []carepath.Rate) RateTable {
	t := RateTable{ProgramID: programID, Prices: map[Service]carepath.Cents{}}
	for _, r := range rates {
		t.AddProgramRate(r.Service, carepath.Cents(r.Cents))
	}
	return t
}

// AddProgramRate prices in t the billing services a program rate (carepath.Rate's service)
// stands for: the IOP per diem bills each program day as one line; the individual-session rate
// is the price of 53 minutes or more, with 38–52 minutes at three quarters and 16–37 at half;
// the group, family, medication-management and assessment rates price those services.
func (t *RateTable) AddProgramRate(service string, c carepath.Cents) {
	if t.Prices == nil {
		t.Prices = map[Service]carepath.Cents{}
	}
	set := func(c carepath.Cents, services ...Service) {
		for _, sv := range services {
			t.Prices[sv] = c
		}
	}
	switch service {
	case carepath.RateIOPPerDiem:
		t.PerDiem = true
		set(c, ServiceIOPDayMentalHealth, ServiceIOPDaySubstanceUse)
	case carepath.RateIndividualSession:
		set(c, ServicePsychotherapy60)
		set(c*3/4, ServicePsychotherapy45)
		set(c/2, ServicePsychotherapy30)
	case carepath.RateGroupSession:
		set(c, ServiceGroup)
	case carepath.RateFamilySession:
		set(c, ServiceFamilyWith, ServiceFamilyWithout)
	case carepath.RateMedicationSession:
		set(c, ServiceMedication2, ServiceMedication3, ServiceMedication4, ServiceMedication5,
			ServiceMedicationNew2, ServiceMedicationNew3, ServiceMedicationNew4, ServiceMedicationNew5, ServiceMedicationUnleveled)
	case carepath.RateAssessmentSession:
		set(c, ServiceAssessment)
	}
}
