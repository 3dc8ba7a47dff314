package billing

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/carepath/carepath"
)

// EventKind is the kind of session a client attended.
type EventKind string

// The kinds of events that can become charges.
const (
	EventIndividual EventKind = "individual"
	EventFamily     EventKind = "family"
	EventGroup      EventKind = "group"
	EventMedication EventKind = "medication"
	EventAssessment EventKind = "assessment"
)

// Track is the IOP track a program session belongs to; "" is a session outside any program day.
type Track string

// The IOP tracks.
const (
	TrackNone         Track = ""
	TrackMentalHealth Track = "mental_health"
	TrackSubstanceUse Track = "substance_use"
)

// Event is one attended session of one client, as attendance and the note record it. The store
// builds events from attendance records (present, late or left early) and notes; nothing about a
// charge is typed by hand.
type Event struct {
	ID           string    `json:"id"` // stable id of the attendance, e.g. "<occurrence id>:<client id>"
	ClientID     string    `json:"client_id"`
	Kind         EventKind `json:"kind"`
	Date         string    `json:"date"`    // YYYY-MM-DD in the program's zone
	Minutes      int       `json:"minutes"` // minutes the client attended
	Telehealth   bool      `json:"telehealth"`
	ClientAtHome bool      `json:"client_at_home"` // for telehealth: the client joined from home (place of service 10)
	// ClientPresent says whether the client took part in a family session.
	ClientPresent bool `json:"client_present"`
	// EMCode is the evaluation-and-management code the prescriber chose on a medication note
	// (carepath.EMCodes: 99212–99215 established client, 99202–99205 new client); "" when the
	// note records none, and the charge is then held.
	EMCode       string `json:"em_code,omitempty"`
	Track        Track  `json:"track,omitempty"` // set when the session is part of an IOP program day
	RenderingNPI string `json:"rendering_npi,omitempty"`
	NoteSigned   bool   `json:"note_signed"`
}

// Hold says why a charge or claim may not go out yet, naming the rule in plain words. A warning is
// shown but does not hold anything.
type Hold struct {
	Rule    string `json:"rule"`
	Reason  string `json:"reason"`
	Warning bool   `json:"warning,omitempty"`
}

// Charge is one billable line computed from one or more events.
type Charge struct {
	ID             string         `json:"id"` // stable: the event id, or "day:<client>:<date>" for a per diem
	EventIDs       []string       `json:"event_ids"`
	ClientID       string         `json:"client_id"`
	Date           string         `json:"date"`
	Service        Service        `json:"service"`
	Label          string         `json:"label"`
	Code           string         `json:"code"`
	Modifiers      []string       `json:"modifiers,omitempty"`
	RevenueCode    string         `json:"revenue_code,omitempty"`
	PlaceOfService string         `json:"place_of_service"`
	Units          int            `json:"units"`
	UnitCents      carepath.Cents `json:"unit_cents"`
	Cents          carepath.Cents `json:"cents"`
	Minutes        int            `json:"minutes"`
	Telehealth     bool           `json:"telehealth,omitempty"`
	RenderingNPI   string         `json:"rendering_npi,omitempty"`
	Holds          []Hold         `json:"holds,omitempty"`
}

// Held reports whether any hold (not a warning) keeps c off a claim.
func (c Charge) Held() bool {
	for _, h := range c.Holds {
		if !h.Warning {
			return true
		}
	}
	return false
}

// Skip is an event that is not billed at all, with the reason.
type Skip struct {
	EventID string `json:"event_id"`
	Reason  string `json:"reason"`
}

// ChargeRun is what Charges computed: the charges (ready or held) and the events not billed.
type ChargeRun struct {
	Charges []Charge `json:"charges"`
	Skipped []Skip   `json:"skipped"`
}

// The rules a charge can be held under.
const (
	RuleNoteUnsigned   = "note_signed"
	RulePerDiemHours   = "per_diem_minimum_hours"
	RuleEMLevel        = "em_level_chosen"
	RuleTrackConflict  = "one_track_a_day"
	RuleRenderingNPI   = "rendering_npi"
	psychotherapyFloor = 16 // under 16 minutes individual psychotherapy is not reportable
	familyFloor        = 26 // family psychotherapy needs more than half of its 50 minutes
)

// Charges turns attended events into charge lines under table. It never fails: every event becomes
// a charge (ready or held with the reason) or a skip with the reason. With a per-diem table, the
// program sessions of one client on one date become a single per-diem line held when the client
// attended less than the table's minimum or when a bundled session's note is unsigned. Charges come
// out sorted by client, date and id.
func Charges(events []Event, table RateTable) ChargeRun {
	var run ChargeRun
	days := map[[2]string][]Event{} // (client, date) → bundled program events
	for _, e := range events {
		if e.Minutes <= 0 {
			run.Skipped = append(run.Skipped, Skip{e.ID, "no minutes attended"})
			continue
		}
		if table.PerDiem && e.Track != TrackNone && table.bundles(e.Kind) {
			k := [2]string{e.ClientID, e.Date}
			days[k] = append(days[k], e)
			continue
		}
		c, reason := sessionCharge(e, table)
		if reason != "" {
			run.Skipped = append(run.Skipped, Skip{e.ID, reason})
			continue
		}
		run.Charges = append(run.Charges, c)
	}
	for k, evs := range days {
		c, reason := perDiemCharge(k[0], k[1], evs, table)
		if reason != "" {
			for _, e := range evs {
				run.Skipped = append(run.Skipped, Skip{e.ID, reason})
			}
			continue
		}
		run.Charges = append(run.Charges, c)
	}
	slices.SortFunc(run.Charges, func(a, b Charge) int {
		return cmp.Or(strings.Compare(a.ClientID, b.ClientID), strings.Compare(a.Date, b.Date), strings.Compare(a.ID, b.ID))
	})
	slices.SortFunc(run.Skipped, func(a, b Skip) int { return strings.Compare(a.EventID, b.EventID) })
	return run
}

// serviceFor picks the service an event bills as, or says why it is not billable.
func serviceFor(e Event) (Service, string) {
	switch e.Kind {
	case EventIndividual:
		switch m := e.Minutes; {
		case m < psychotherapyFloor:
			return "", fmt.Sprintf("individual therapy under %d minutes (%d attended) is not billable", psychotherapyFloor, m)
		case m <= 37:
			return ServicePsychotherapy30, ""
		case m <= 52:
			return ServicePsychotherapy45, ""
		default:
			return ServicePsychotherapy60, ""
		}
	case EventFamily:
		if e.Minutes < familyFloor {
			return "", fmt.Sprintf("family therapy under %d minutes (%d attended) is not billable", familyFloor, e.Minutes)
		}
		if e.ClientPresent {
			return ServiceFamilyWith, ""
		}
		return ServiceFamilyWithout, ""
	case EventGroup:
		return ServiceGroup, ""
	case EventAssessment:
		return ServiceAssessment, ""
	case EventMedication:
		if svc, ok := emServices[e.EMCode]; ok {
			return svc, ""
		}
		return ServiceMedicationUnleveled, "" // held below until the prescriber chooses the level
	}
	return "", fmt.Sprintf("%q sessions are not billed", e.Kind)
}

// sessionCharge prices one event as its own line.
func sessionCharge(e Event, table RateTable) (Charge, string) {
	svc, reason := serviceFor(e)
	if reason != "" {
		return Charge{}, reason
	}
	coding, _ := table.Coding(svc)
	price, ok := table.Prices[svc]
	if !ok {
		return Charge{}, fmt.Sprintf("the rate table has no price for %s", coding.describe())
	}
	c := line(e.ID, e.ClientID, e.Date, svc, coding, price, table)
	c.EventIDs = []string{e.ID}
	c.Minutes = e.Minutes
	c.RenderingNPI = e.RenderingNPI
	telehealth(&c, e.Telehealth, e.ClientAtHome, table)
	if !e.NoteSigned {
		c.Holds = append(c.Holds, Hold{RuleNoteUnsigned, fmt.Sprintf("the %s note of %s is not signed", e.Kind, e.Date), false})
	}
	if _, ok := emServices[e.EMCode]; e.Kind == EventMedication && !ok {
		c.Holds = append(c.Holds, Hold{RuleEMLevel, "choose the visit's E/M level on the note, or in an addendum once it is signed", false})
	}
	if e.RenderingNPI != "" && !ValidNPI(e.RenderingNPI) {
		c.Holds = append(c.Holds, Hold{RuleRenderingNPI, "the clinician's NPI fails its check digit", false})
	}
	return c, ""
}

// perDiemCharge prices one client's program day.
func perDiemCharge(client, date string, evs []Event, table RateTable) (Charge, string) {
	slices.SortFunc(evs, func(a, b Event) int { return strings.Compare(a.ID, b.ID) })
	track := evs[0].Track
	minutes, conflict := 0, false
	var unsigned []string
	allTele, anyHome := true, false
	for _, e := range evs {
		minutes += e.Minutes
		conflict = conflict || e.Track != track
		if !e.NoteSigned {
			unsigned = append(unsigned, fmt.Sprintf("%s (%d min)", e.Kind, e.Minutes))
		}
		allTele = allTele && e.Telehealth
		anyHome = anyHome || e.ClientAtHome
	}
	svc := ServiceIOPDayMentalHealth
	if track == TrackSubstanceUse {
		svc = ServiceIOPDaySubstanceUse
	}
	coding, _ := table.Coding(svc)
	price, ok := table.Prices[svc]
	if !ok {
		return Charge{}, fmt.Sprintf("the rate table has no price for %s", coding.describe())
	}
	c := line("day:"+client+":"+date, client, date, svc, coding, price, table)
	c.Minutes = minutes
	for _, e := range evs {
		c.EventIDs = append(c.EventIDs, e.ID)
	}
	telehealth(&c, allTele, anyHome, table)
	if need := table.perDiemMinMinutes(); minutes < need {
		c.Holds = append(c.Holds, Hold{RulePerDiemHours, fmt.Sprintf("a %s day needs at least %s of program services; %s were attended on %s",
			coding.Code, formatMinutes(need), formatMinutes(minutes), date), false})
	}
	if len(unsigned) > 0 {
		c.Holds = append(c.Holds, Hold{RuleNoteUnsigned, fmt.Sprintf("notes not signed for %s: %s", date, strings.Join(unsigned, ", ")), false})
	}
	if conflict {
		c.Holds = append(c.Holds, Hold{RuleTrackConflict, "sessions of both the mental-health and the substance-use track on one day; bill one track", false})
	}
	return c, ""
}

// line starts a one-unit charge.
func line(id, client, date string, svc Service, coding Coding, price carepath.Cents, table RateTable) Charge {
	c := Charge{ID: id, ClientID: client, Date: date, Service: svc, Label: coding.Label, Code: coding.Code,
		Modifiers: slices.Clone(coding.Modifiers), PlaceOfService: table.placeOfService(), Units: 1,
		UnitCents: price, Cents: price}
	if table.Format == Format837I {
		c.RevenueCode = coding.RevenueCode
	}
	return c
}

// telehealth sets the place of service and modifier of a telehealth line.
func telehealth(c *Charge, tele, home bool, table RateTable) {
	if !tele {
		return
	}
	c.Telehealth = true
	c.PlaceOfService = POSTelehealthOther
	if home {
		c.PlaceOfService = POSTelehealthHome
	}
	if m := table.telehealthModifier(); m != "" && !slices.Contains(c.Modifiers, m) && len(c.Modifiers) < 4 {
		c.Modifiers = append(c.Modifiers, m)
	}
}

// ValidNPI reports whether npi is ten digits whose last is the Luhn check digit computed over the
// prefix 80840 and the first nine, as the NPI standard defines.
func ValidNPI(npi string) bool {
	if !digits(npi, 10) {
		return false
	}
	sum := 24 // the constant the prefix 80840 contributes
	for i := 8; i >= 0; i-- {
		d := int(npi[i] - '0')
		if (8-i)%2 == 0 {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return (10-sum%10)%10 == int(npi[9]-'0')
}
