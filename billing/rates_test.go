package billing

import (
	"slices"
	"testing"

	"github.com/carepath/carepath"
)

func TestRateTableValidate(t *testing.T) {
	ok := testTable(Format837P, false)
	if err := ok.Validate(); err != nil {
		t.Fatalf("a sound table failed: %v", err)
	}
	tests := []struct {
		name  string
		edit  func(*RateTable)
		field string
	}{
		{"format", func(r *RateTable) { r.Format = "UB04" }, "format"},
		{"negative price", func(r *RateTable) { r.Prices[ServiceGroup] = -1 }, "prices.group"},
		{"unknown service", func(r *RateTable) { r.Prices["massage"] = 100 }, "prices.massage"},
		{"bad code", func(r *RateTable) { r.Codings = map[Service]Coding{ServiceGroup: {Code: "9085", Label: "x"}} }, "codings.group.code"},
		{"bad modifier", func(r *RateTable) {
			r.Codings = map[Service]Coding{ServiceGroup: {Code: "90853", Modifiers: []string{"HQQ"}, Label: "x"}}
		}, "codings.group.modifiers"},
		{"bad revenue code", func(r *RateTable) {
			r.Codings = map[Service]Coding{ServiceGroup: {Code: "90853", RevenueCode: "915", Label: "x"}}
		}, "codings.group.revenue_code"},
		{"no label", func(r *RateTable) { r.Codings = map[Service]Coding{ServiceGroup: {Code: "90853"}} }, "codings.group.label"},
		{"per diem minutes", func(r *RateTable) { r.PerDiemMinMinutes = -5 }, "per_diem_min_minutes"},
		{"place of service", func(r *RateTable) { r.PlaceOfService = "office" }, "place_of_service"},
		{"telehealth modifier", func(r *RateTable) { r.TelehealthModifier = "GTX" }, "telehealth_modifier"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := testTable(Format837P, false)
			tt.edit(&r)
			err := r.Validate()
			if carepath.ErrorCode(err) != carepath.EINVALID || !slices.Contains(fieldsOf(t, err), tt.field) {
				t.Errorf("got %v, want a field error on %s", err, tt.field)
			}
		})
	}
}

func TestDefaultCodings(t *testing.T) {
	want := map[Service][2]string{
		ServiceIOPDayMentalHealth: {"S9480", "0905"}, ServiceIOPDaySubstanceUse: {"H0015", "0906"},
		ServiceGroup: {"90853", "0915"}, ServicePsychotherapy30: {"90832", "0914"}, ServicePsychotherapy45: {"90834", "0914"},
		ServicePsychotherapy60: {"90837", "0914"}, ServiceFamilyWithout: {"90846", "0916"}, ServiceFamilyWith: {"90847", "0916"},
		ServiceAssessment: {"90791", "0900"}, ServiceMedication2: {"99212", "0510"}, ServiceMedication3: {"99213", "0510"},
		ServiceMedication4: {"99214", "0510"}, ServiceMedication5: {"99215", "0510"},
		ServiceMedicationNew2: {"99202", "0510"}, ServiceMedicationNew3: {"99203", "0510"},
		ServiceMedicationNew4: {"99204", "0510"}, ServiceMedicationNew5: {"99205", "0510"},
		// A visit whose note records no E/M level has no code: its charge is always held.
		ServiceMedicationUnleveled: {"", "0510"},
	}
	if len(DefaultCodings) != len(want) || len(Services) != len(want)-1 {
		t.Fatalf("%d codings, %d services; want %d and %d", len(DefaultCodings), len(Services), len(want), len(want)-1)
	}
	for s, w := range want {
		c := DefaultCodings[s]
		if c.Code != w[0] || c.RevenueCode != w[1] || c.Label == "" {
			t.Errorf("%s: %+v, want %v", s, c, w)
		}
	}
}

func TestResolve(t *testing.T) {
	base := testTable(Format837P, false)
	medicare := RateTable{ProgramID: "p1", PayerID: "medicare", Format: Format837I,
		Prices:  map[Service]carepath.Cents{ServiceGroup: 9000},
		Codings: map[Service]Coding{ServiceGroup: {Code: "G0410", RevenueCode: "0915", Label: "Group therapy (Medicare)"}}}
	other := RateTable{ProgramID: "p2", Format: Format837P}
	tables := []RateTable{other, medicare, base}

	got, err := Resolve(tables, "p1", "medicare")
	if err != nil {
		t.Fatal(err)
	}
	c, _ := got.Coding(ServiceGroup)
	if got.Format != Format837I || got.Prices[ServiceGroup] != 9000 || got.Prices[ServicePsychotherapy60] != 20000 || c.Code != "G0410" {
		t.Errorf("the payer's table must overlay the program's: %+v %+v", got, c)
	}
	if self, _ := Resolve(tables, "p1", ""); self.Prices[ServiceGroup] != 6000 || self.Format != Format837P {
		t.Errorf("self-pay uses the program table: %+v", self)
	}
	if aetna, _ := Resolve(tables, "p1", "aetna"); aetna.Prices[ServiceGroup] != 6000 {
		t.Error("a payer without a table uses the program's default")
	}
	if _, err := Resolve(tables, "p9", ""); carepath.ErrorCode(err) != carepath.ENOTFOUND {
		t.Errorf("a program without tables: %v", err)
	}
	if base.Prices[ServiceGroup] != 6000 {
		t.Error("Resolve must not change the tables it reads")
	}
}
