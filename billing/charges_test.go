package billing

import (
	"slices"
	"strings"
	"testing"

	"github.com/carepath/carepath"
)

func TestChargeCodesByWhatHappened(t *testing.T) {
	tests := []struct {
		name    string
		e       Event
		service Service
		code    string
		cents   carepath.Cents
		skip    string // part of the skip reason, when not billed
	}{
		{"15 min individual", Event{Kind: EventIndividual, Minutes: 15}, "", "", 0, "under 16 minutes"},
		{"16 min individual", Event{Kind: EventIndividual, Minutes: 16}, ServicePsychotherapy30, "90832", 10000, ""},
		{"37 min individual", Event{Kind: EventIndividual, Minutes: 37}, ServicePsychotherapy30, "90832", 10000, ""},
		{"38 min individual", Event{Kind: EventIndividual, Minutes: 38}, ServicePsychotherapy45, "90834", 15000, ""},
		{"52 min individual", Event{Kind: EventIndividual, Minutes: 52}, ServicePsychotherapy45, "90834", 15000, ""},
		{"53 min individual", Event{Kind: EventIndividual, Minutes: 53}, ServicePsychotherapy60, "90837", 20000, ""},
		{"90 min individual", Event{Kind: EventIndividual, Minutes: 90}, ServicePsychotherapy60, "90837", 20000, ""},
		{"family without client", Event{Kind: EventFamily, Minutes: 50}, ServiceFamilyWithout, "90846", 17500, ""},
		{"family with client", Event{Kind: EventFamily, Minutes: 50, ClientPresent: true}, ServiceFamilyWith, "90847", 17500, ""},
		{"family 26 min", Event{Kind: EventFamily, Minutes: 26, ClientPresent: true}, ServiceFamilyWith, "90847", 17500, ""},
		{"family 25 min", Event{Kind: EventFamily, Minutes: 25, ClientPresent: true}, "", "", 0, "under 26 minutes"},
		{"group", Event{Kind: EventGroup, Minutes: 60}, ServiceGroup, "90853", 6000, ""},
		{"assessment", Event{Kind: EventAssessment, Minutes: 60}, ServiceAssessment, "90791", 25000, ""},
		{"E/M established level 2", Event{Kind: EventMedication, Minutes: 15, EMCode: "99212"}, ServiceMedication2, "99212", 9000, ""},
		{"E/M established level 3", Event{Kind: EventMedication, Minutes: 20, EMCode: "99213"}, ServiceMedication3, "99213", 12000, ""},
		{"E/M established level 4", Event{Kind: EventMedication, Minutes: 25, EMCode: "99214"}, ServiceMedication4, "99214", 18000, ""},
		{"E/M established level 5", Event{Kind: EventMedication, Minutes: 40, EMCode: "99215"}, ServiceMedication5, "99215", 25000, ""},
		{"E/M new level 2", Event{Kind: EventMedication, Minutes: 15, EMCode: "99202"}, ServiceMedicationNew2, "99202", 11000, ""},
		{"E/M new level 3", Event{Kind: EventMedication, Minutes: 30, EMCode: "99203"}, ServiceMedicationNew3, "99203", 16000, ""},
		{"E/M new level 4", Event{Kind: EventMedication, Minutes: 45, EMCode: "99204"}, ServiceMedicationNew4, "99204", 24000, ""},
		{"E/M new level 5", Event{Kind: EventMedication, Minutes: 60, EMCode: "99205"}, ServiceMedicationNew5, "99205", 31000, ""},
		{"absent", Event{Kind: EventGroup, Minutes: 0}, "", "", 0, "no minutes attended"},
		{"unknown kind", Event{Kind: "yoga", Minutes: 60}, "", "", 0, "not billed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.e.ID, tt.e.ClientID, tt.e.Date, tt.e.NoteSigned, tt.e.RenderingNPI = "e1", "c1", "2026-03-02", true, npiClinician
			run := Charges([]Event{tt.e}, testTable(Format837P, false))
			if tt.skip != "" {
				if len(run.Charges) != 0 || len(run.Skipped) != 1 || !strings.Contains(run.Skipped[0].Reason, tt.skip) {
					t.Fatalf("want skipped for %q, got %+v", tt.skip, run)
				}
				return
			}
			if len(run.Charges) != 1 {
				t.Fatalf("got %+v", run)
			}
			c := run.Charges[0]
			if c.Service != tt.service || c.Code != tt.code || c.Cents != tt.cents || c.Units != 1 || c.Held() ||
				c.PlaceOfService != POSOffice || c.RevenueCode != "" || c.Label == "" || c.Minutes != tt.e.Minutes {
				t.Errorf("got %+v", c)
			}
		})
	}
}

// TestMedicationEMLevel: a medication visit bills the E/M code its note records, established or
// new client; with none, or a code that is not an E/M visit code, the charge carries no code
// and is held with a plain reason, never billed at a guessed level.
func TestMedicationEMLevel(t *testing.T) {
	for _, tt := range []struct {
		code     string
		wantCode string
		held     bool
	}{
		{"99213", "99213", false},
		{"99205", "99205", false},
		{"", "", true},
		{"99211", "", true},
		{"90837", "", true},
	} {
		t.Run("em_code "+tt.code, func(t *testing.T) {
			run := Charges([]Event{{ID: "m", ClientID: "c1", Kind: EventMedication, Date: "2026-03-02", Minutes: 20,
				EMCode: tt.code, NoteSigned: true, RenderingNPI: npiClinician}}, testTable(Format837P, false))
			if len(run.Charges) != 1 {
				t.Fatalf("got %+v", run)
			}
			c := run.Charges[0]
			if c.Code != tt.wantCode || c.Held() != tt.held || c.Cents == 0 {
				t.Errorf("charge %+v, want code %q held %v", c, tt.wantCode, tt.held)
			}
			if tt.held && (len(c.Holds) != 1 || c.Holds[0].Rule != RuleEMLevel || c.Holds[0].Reason != "choose the visit's E/M level on the note, or in an addendum once it is signed") {
				t.Errorf("holds %+v, want the E/M level hold", c.Holds)
			}
		})
	}
}

func TestChargeHolds(t *testing.T) {
	table := testTable(Format837P, false)
	run := Charges([]Event{
		{ID: "a", ClientID: "c1", Kind: EventIndividual, Date: "2026-03-02", Minutes: 55, NoteSigned: false, RenderingNPI: npiClinician},
		{ID: "b", ClientID: "c1", Kind: EventMedication, Date: "2026-03-02", Minutes: 20, NoteSigned: true, RenderingNPI: npiClinician},
		{ID: "c", ClientID: "c1", Kind: EventGroup, Date: "2026-03-02", Minutes: 60, NoteSigned: true, RenderingNPI: "1234567890"},
	}, table)
	want := map[string][]string{"a": {RuleNoteUnsigned}, "b": {RuleEMLevel}, "c": {RuleRenderingNPI}}
	for _, c := range run.Charges {
		if !slices.Equal(rules(c.Holds), want[c.ID]) || !c.Held() {
			t.Errorf("%s: holds %+v, want %v", c.ID, c.Holds, want[c.ID])
		}
		for _, h := range c.Holds {
			if h.Reason == "" {
				t.Errorf("%s: a hold must give its reason", c.ID)
			}
		}
	}
	if !strings.Contains(run.Charges[0].Holds[0].Reason, "individual note of 2026-03-02 is not signed") {
		t.Errorf("the unsigned-note reason must say which note: %q", run.Charges[0].Holds[0].Reason)
	}
}

func TestTelehealth(t *testing.T) {
	home := Event{ID: "h", ClientID: "c1", Kind: EventIndividual, Date: "2026-03-02", Minutes: 45, Telehealth: true, ClientAtHome: true, NoteSigned: true}
	other := home
	other.ID, other.ClientAtHome = "o", false
	table := testTable(Format837P, false)
	run := Charges([]Event{home, other}, table)
	if c := run.Charges[0]; c.PlaceOfService != POSTelehealthHome || !slices.Equal(c.Modifiers, []string{"95"}) || !c.Telehealth {
		t.Errorf("telehealth at home: POS 10 and modifier 95, got %+v", c)
	}
	if c := run.Charges[1]; c.PlaceOfService != POSTelehealthOther || !slices.Equal(c.Modifiers, []string{"95"}) {
		t.Errorf("telehealth elsewhere: POS 02 and modifier 95, got %+v", c)
	}
	table.TelehealthModifier = "-"
	if c := Charges([]Event{home}, table).Charges[0]; len(c.Modifiers) != 0 || c.PlaceOfService != POSTelehealthHome {
		t.Errorf("a payer that takes no telehealth modifier: %+v", c)
	}
}

func TestInstitutionalLinesCarryRevenueCodes(t *testing.T) {
	run := Charges([]Event{{ID: "g", ClientID: "c1", Kind: EventGroup, Date: "2026-03-02", Minutes: 60, NoteSigned: true}},
		testTable(Format837I, false))
	if c := run.Charges[0]; c.RevenueCode != "0915" || c.Code != "90853" {
		t.Errorf("got %+v", c)
	}
}

func TestPerDiem(t *testing.T) {
	day := func(track Track, signed bool, minutes ...int) []Event {
		var evs []Event
		for i, m := range minutes {
			evs = append(evs, Event{ID: "d" + string(rune('1'+i)), ClientID: "c1", Kind: EventGroup, Date: "2026-03-03",
				Minutes: m, Track: track, NoteSigned: signed})
		}
		return evs
	}
	tests := []struct {
		name    string
		events  []Event
		format  ClaimFormat
		code    string
		rev     string
		minutes int
		holds   []string
	}{
		{"substance use, 3 h", day(TrackSubstanceUse, true, 60, 60, 60), Format837I, "H0015", "0906", 180, nil},
		{"substance use, 2 h 59", day(TrackSubstanceUse, true, 60, 60, 59), Format837I, "H0015", "0906", 179, []string{RulePerDiemHours}},
		{"mental health, 3 h", day(TrackMentalHealth, true, 90, 90), Format837P, "S9480", "", 180, nil},
		{"unsigned group note", day(TrackMentalHealth, false, 90, 90), Format837P, "S9480", "", 180, []string{RuleNoteUnsigned}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run := Charges(tt.events, testTable(tt.format, true))
			if len(run.Charges) != 1 {
				t.Fatalf("one program day must be one per-diem line: %+v", run)
			}
			c := run.Charges[0]
			if c.Code != tt.code || c.RevenueCode != tt.rev || c.Minutes != tt.minutes || c.Cents != 30000 || c.Units != 1 ||
				c.ID != "day:c1:2026-03-03" || len(c.EventIDs) != len(tt.events) || !slices.Equal(rules(c.Holds), tt.holds) {
				t.Errorf("got %+v", c)
			}
		})
	}
	run := Charges(day(TrackSubstanceUse, true, 60, 60, 59), testTable(Format837I, true))
	if r := run.Charges[0].Holds[0].Reason; !strings.Contains(r, "at least 3 h") || !strings.Contains(r, "2 h 59 min") {
		t.Errorf("the per-diem hold must say the hours needed and attended: %q", r)
	}

	// A medication visit on a program day is billed on its own; a stand-alone session is too.
	evs := append(day(TrackMentalHealth, true, 60, 60, 60),
		Event{ID: "m", ClientID: "c1", Kind: EventMedication, Date: "2026-03-03", Minutes: 20, EMCode: "99213", Track: TrackMentalHealth, NoteSigned: true},
		Event{ID: "i", ClientID: "c1", Kind: EventIndividual, Date: "2026-03-04", Minutes: 50, NoteSigned: true})
	run = Charges(evs, testTable(Format837P, true))
	var codes []string
	for _, c := range run.Charges {
		codes = append(codes, c.Code)
	}
	if !slices.Equal(codes, []string{"S9480", "99213", "90834"}) {
		t.Errorf("got codes %v", codes)
	}
	// Without a per-diem table the program sessions are billed one by one.
	run = Charges(day(TrackMentalHealth, true, 60, 60, 60), testTable(Format837P, false))
	if len(run.Charges) != 3 || run.Charges[0].Code != "90853" {
		t.Errorf("itemized program day: %+v", run.Charges)
	}
	// Both tracks on one day are held.
	mixed := append(day(TrackMentalHealth, true, 90), Event{ID: "x", ClientID: "c1", Kind: EventGroup, Date: "2026-03-03", Minutes: 90, Track: TrackSubstanceUse, NoteSigned: true})
	if c := Charges(mixed, testTable(Format837P, true)).Charges[0]; !slices.Contains(rules(c.Holds), RuleTrackConflict) {
		t.Errorf("mixed tracks: %+v", c.Holds)
	}
}

func TestMissingPriceIsSkipped(t *testing.T) {
	table := testTable(Format837P, false)
	delete(table.Prices, ServiceGroup)
	run := Charges([]Event{{ID: "g", ClientID: "c1", Kind: EventGroup, Date: "2026-03-02", Minutes: 60, NoteSigned: true}}, table)
	if len(run.Charges) != 0 || len(run.Skipped) != 1 || !strings.Contains(run.Skipped[0].Reason, "no price for 90853") {
		t.Errorf("got %+v", run)
	}
}

func TestValidNPI(t *testing.T) {
	for npi, want := range map[string]bool{
		npiClinician: true, npiPhysician: true, npiClinic: true, "1234567890": false, "123456789": false, "12345678931": false, "123456789X": false,
	} {
		if ValidNPI(npi) != want {
			t.Errorf("ValidNPI(%s) != %v", npi, want)
		}
	}
}
