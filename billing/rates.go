package billing

import (
	"fmt"
	"slices"
	"strings"

	"github.com/carepath/carepath"
)

// Service is what a charge bills for, in carepath's words. The rate table maps each service to its
// codes and price.
type Service string

// The services a rate table prices.
const (
	ServicePsychotherapy30 Service = "psychotherapy_30"      // individual psychotherapy, 16–37 minutes
	ServicePsychotherapy45 Service = "psychotherapy_45"      // individual psychotherapy, 38–52 minutes
	ServicePsychotherapy60 Service = "psychotherapy_60"      // individual psychotherapy, 53 minutes or more
	ServiceFamilyWithout   Service = "family_without_client" // family psychotherapy without the client, 26+ minutes
	ServiceFamilyWith      Service = "family_with_client"    // family psychotherapy with the client, 26+ minutes
	ServiceGroup           Service = "group"                 // group psychotherapy, one session
	ServiceAssessment      Service = "assessment"            // psychiatric diagnostic evaluation
	ServiceMedication2     Service = "medication_level_2"    // medication management, established client, E/M level 2
	ServiceMedication3     Service = "medication_level_3"
	ServiceMedication4     Service = "medication_level_4"
	ServiceMedication5     Service = "medication_level_5"
	ServiceMedicationNew2  Service = "medication_new_level_2" // medication management, new client, E/M level 2
	ServiceMedicationNew3  Service = "medication_new_level_3"
	ServiceMedicationNew4  Service = "medication_new_level_4"
	ServiceMedicationNew5  Service = "medication_new_level_5"
	// ServiceMedicationUnleveled is a medication-management visit whose note records no E/M
	// level yet: priced at the medication rate, with no code, and always held.
	ServiceMedicationUnleveled Service = "medication_level_not_chosen"
	ServiceIOPDayMentalHealth  Service = "iop_day_mental_health" // one IOP program day, psychiatric track
	ServiceIOPDaySubstanceUse  Service = "iop_day_substance_use" // one IOP program day, substance-use track, 3+ hours
)

// Services lists every service in the order rate tables show them.
var Services = []Service{
	ServiceIOPDayMentalHealth, ServiceIOPDaySubstanceUse, ServiceGroup, ServicePsychotherapy30,
	ServicePsychotherapy45, ServicePsychotherapy60, ServiceFamilyWithout, ServiceFamilyWith,
	ServiceAssessment, ServiceMedication2, ServiceMedication3, ServiceMedication4, ServiceMedication5,
	ServiceMedicationNew2, ServiceMedicationNew3, ServiceMedicationNew4, ServiceMedicationNew5,
}

// Coding is how a service is written on a claim: its procedure code (HCPCS Level II, or a CPT code
// number), modifiers, the NUBC revenue code for institutional claims, and carepath's own label.
type Coding struct {
	Code        string   `json:"code"`
	Modifiers   []string `json:"modifiers,omitempty"`
	RevenueCode string   `json:"revenue_code,omitempty"`
	Label       string   `json:"label"`
}

// DefaultCodings are the codes carepath uses unless a rate table overrides them. Revenue codes:
// 0905 intensive outpatient services, psychiatric; 0906 intensive outpatient services, chemical
// dependency; 0914 individual, 0915 group and 0916 family therapy; 0900 behavioral health
// treatment, general; 0510 clinic visit.
var DefaultCodings = map[Service]Coding{
	ServiceIOPDayMentalHealth:  {Code: "S9480", RevenueCode: "0905", Label: "IOP program day, mental health"},
	ServiceIOPDaySubstanceUse:  {Code: "H0015", RevenueCode: "0906", Label: "IOP program day, substance use (3+ h)"},
	ServiceGroup:               {Code: "90853", RevenueCode: "0915", Label: "Group therapy"},
	ServicePsychotherapy30:     {Code: "90832", RevenueCode: "0914", Label: "Individual therapy, 16–37 min"},
	ServicePsychotherapy45:     {Code: "90834", RevenueCode: "0914", Label: "Individual therapy, 38–52 min"},
	ServicePsychotherapy60:     {Code: "90837", RevenueCode: "0914", Label: "Individual therapy, 53+ min"},
	ServiceFamilyWithout:       {Code: "90846", RevenueCode: "0916", Label: "Family therapy, client not present"},
	ServiceFamilyWith:          {Code: "90847", RevenueCode: "0916", Label: "Family therapy, client present"},
	ServiceAssessment:          {Code: "90791", RevenueCode: "0900", Label: "Diagnostic assessment"},
	ServiceMedication2:         {Code: "99212", RevenueCode: "0510", Label: "Medication management, level 2"},
	ServiceMedication3:         {Code: "99213", RevenueCode: "0510", Label: "Medication management, level 3"},
	ServiceMedication4:         {Code: "99214", RevenueCode: "0510", Label: "Medication management, level 4"},
	ServiceMedication5:         {Code: "99215", RevenueCode: "0510", Label: "Medication management, level 5"},
	ServiceMedicationNew2:      {Code: "99202", RevenueCode: "0510", Label: "Medication management, new client, level 2"},
	ServiceMedicationNew3:      {Code: "99203", RevenueCode: "0510", Label: "Medication management, new client, level 3"},
	ServiceMedicationNew4:      {Code: "99204", RevenueCode: "0510", Label: "Medication management, new client, level 4"},
	ServiceMedicationNew5:      {Code: "99205", RevenueCode: "0510", Label: "Medication management, new client, level 5"},
	ServiceMedicationUnleveled: {RevenueCode: "0510", Label: "Medication management, E/M level not chosen"},
}

// emServices are the medication-management services of the E/M codes a note may record
// (carepath.EMCodes).
var emServices = map[string]Service{
	"99212": ServiceMedication2, "99213": ServiceMedication3, "99214": ServiceMedication4, "99215": ServiceMedication5,
	"99202": ServiceMedicationNew2, "99203": ServiceMedicationNew3, "99204": ServiceMedicationNew4, "99205": ServiceMedicationNew5,
}

// ClaimFormat is the X12 claim a payer takes: 837P (professional) or 837I (institutional).
type ClaimFormat string

// The claim formats.
const (
	Format837P ClaimFormat = "837P"
	Format837I ClaimFormat = "837I"
)

// Place-of-service codes carepath uses (CMS's public list).
const (
	POSTelehealthOther = "02" // telehealth, the client not at home
	POSTelehealthHome  = "10" // telehealth in the client's home
	POSOffice          = "11"
	POSOutpatientHosp  = "22" // on-campus outpatient hospital
	POSCMHC            = "53" // community mental health center
	POSNonResidSUD     = "57" // non-residential substance use treatment facility
)

// RateTable is a program's prices and codes, for one payer or (PayerID "") for every payer without
// its own table and for self-pay. Prices are per unit in integer cents; a service without a price
// is not billed and its events are listed as skipped.
type RateTable struct {
	ProgramID string                     `json:"program_id"`
	PayerID   string                     `json:"payer_id,omitempty"`
	Format    ClaimFormat                `json:"format"`
	Prices    map[Service]carepath.Cents `json:"prices"`
	Codings   map[Service]Coding         `json:"codings,omitempty"` // overrides of DefaultCodings
	// PerDiem bills each IOP program day as one per-diem line (S9480 or H0015) instead of each
	// program service; the services of that day are bundled into it and count toward its hours.
	PerDiem bool `json:"per_diem"`
	// PerDiemMinMinutes is the least a client must attend in a day for the per diem; 0 means 180
	// (H0015 is defined as at least 3 hours a day, and S9480 payers commonly ask the same).
	PerDiemMinMinutes int `json:"per_diem_min_minutes,omitempty"`
	// Bundled are the event kinds a per diem includes; empty means group, individual and family.
	// Medication management and assessments are billed on their own unless listed here.
	Bundled []EventKind `json:"bundled,omitempty"`
	// PlaceOfService is where in-person services happen (default "11", office).
	PlaceOfService string `json:"place_of_service,omitempty"`
	// TelehealthModifier goes on telehealth lines (default "95"); "-" means none.
	TelehealthModifier string `json:"telehealth_modifier,omitempty"`
}

// Coding returns the coding of s in t: t's override, else the default.
func (t RateTable) Coding(s Service) (Coding, bool) {
	if c, ok := t.Codings[s]; ok {
		return c, true
	}
	c, ok := DefaultCodings[s]
	return c, ok
}

func (t RateTable) perDiemMinMinutes() int {
	if t.PerDiemMinMinutes > 0 {
		return t.PerDiemMinMinutes
	}
	return 180
}

func (t RateTable) bundles(k EventKind) bool {
	if len(t.Bundled) == 0 {
		return k == EventGroup || k == EventIndividual || k == EventFamily
	}
	return slices.Contains(t.Bundled, k)
}

func (t RateTable) placeOfService() string {
	if t.PlaceOfService == "" {
		return POSOffice
	}
	return t.PlaceOfService
}

func (t RateTable) telehealthModifier() string {
	switch t.TelehealthModifier {
	case "":
		return "95"
	case "-":
		return ""
	}
	return t.TelehealthModifier
}

// Validate checks t; field errors name format, prices.<service>, codings.<service>.code,
// .modifiers, .revenue_code and .label, per_diem_min_minutes, place_of_service and
// telehealth_modifier.
func (t RateTable) Validate() error {
	var errs carepath.FieldErrors
	if t.Format != Format837P && t.Format != Format837I {
		errs.Add("format", "invalid", "use 837P (professional) or 837I (institutional)")
	}
	for s, p := range t.Prices {
		if _, ok := DefaultCodings[s]; !ok {
			errs.Add("prices."+string(s), "unknown", "%q is not a service carepath bills", s)
		} else if p < 0 || p > carepath.MaxRateCents {
			errs.Add("prices."+string(s), "range", "a price is between $0 and %s", carepath.Cents(carepath.MaxRateCents))
		}
	}
	for s, c := range t.Codings {
		f := "codings." + string(s)
		if _, ok := DefaultCodings[s]; !ok {
			errs.Add(f, "unknown", "%q is not a service carepath bills", s)
			continue
		}
		if !procedureCode(c.Code) {
			errs.Add(f+".code", "format", "a procedure code is five characters: a CPT number such as 90837 or a HCPCS code such as S9480")
		}
		for _, m := range c.Modifiers {
			if !modifier(m) {
				errs.Add(f+".modifiers", "format", "a modifier is two letters or digits, e.g. 95 or HQ")
				break
			}
		}
		if len(c.Modifiers) > 4 {
			errs.Add(f+".modifiers", "too_many", "a claim line carries at most four modifiers")
		}
		if c.RevenueCode != "" && !revenueCode(c.RevenueCode) {
			errs.Add(f+".revenue_code", "format", "a revenue code is four digits, e.g. 0905")
		}
		if strings.TrimSpace(c.Label) == "" {
			errs.Add(f+".label", "required", "give the service a label people can read")
		}
	}
	if t.PerDiemMinMinutes < 0 || t.PerDiemMinMinutes > 24*60 {
		errs.Add("per_diem_min_minutes", "range", "between 0 and 1,440 minutes")
	}
	if t.PlaceOfService != "" && !digits(t.PlaceOfService, 2) {
		errs.Add("place_of_service", "format", "a place of service is a two-digit CMS code, e.g. 11")
	}
	if m := t.TelehealthModifier; m != "" && m != "-" && !modifier(m) {
		errs.Add("telehealth_modifier", "format", "a modifier is two letters or digits, e.g. 95")
	}
	return errs.Err()
}

// Resolve returns the rate table a charge for payerID uses in programID: the payer's own table laid
// over the program's default table (payer "") service by service. Self-pay is payerID "". It
// returns ENOTFOUND when the program has no table at all.
func Resolve(tables []RateTable, programID, payerID string) (RateTable, error) {
	var base, own *RateTable
	for i := range tables {
		t := &tables[i]
		if t.ProgramID != programID {
			continue
		}
		switch t.PayerID {
		case "":
			base = t
		case payerID:
			own = t
		}
	}
	switch {
	case base == nil && own == nil:
		return RateTable{}, carepath.Errorf(carepath.ENOTFOUND, "The program has no rate table yet")
	case own == nil:
		return *base, nil
	case base == nil:
		return *own, nil
	}
	out := *own
	out.Prices = mergeMap(base.Prices, own.Prices)
	out.Codings = mergeMap(base.Codings, own.Codings)
	return out, nil
}

func mergeMap[V any](base, over map[Service]V) map[Service]V {
	out := make(map[Service]V, len(base)+len(over))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range over {
		out[k] = v
	}
	return out
}

// procedureCode reports whether c looks like a CPT number (five digits, or four and a letter for
// Category II/III) or a HCPCS Level II code (a letter and four digits).
func procedureCode(c string) bool {
	if len(c) != 5 {
		return false
	}
	for i := 0; i < 5; i++ {
		if !(c[i] >= '0' && c[i] <= '9' || c[i] >= 'A' && c[i] <= 'Z') {
			return false
		}
	}
	return digits(c[1:4], 3)
}

func modifier(m string) bool {
	if len(m) != 2 {
		return false
	}
	for i := 0; i < 2; i++ {
		if !(m[i] >= '0' && m[i] <= '9' || m[i] >= 'A' && m[i] <= 'Z') {
			return false
		}
	}
	return true
}

func revenueCode(r string) bool { return digits(r, 4) }

func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < n; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// describe writes a service's coding for a message: "90837 (Individual therapy, 53+ min)".
func (c Coding) describe() string { return fmt.Sprintf("%s (%s)", c.Code, c.Label) }
