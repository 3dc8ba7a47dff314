package carepath_test

import (
	"slices"
	"testing"
	"time"

	"github.com/carepath/carepath"
)

func consentFields(err error) []string {
	var out []string
	for _, f := range carepath.ErrorFields(err) {
		out = append(out, f.Field)
	}
	return out
}

func TestConsentCreate(t *testing.T) {
	const today = "2026-06-15"
	disclose := func(kind carepath.ConsentKind) carepath.ConsentCreate {
		return carepath.ConsentCreate{ClientID: "c1", Kind: kind, Recipient: " Dr. Kim ", Information: "labs",
			Purpose: "care coordination", Purposes: []carepath.DisclosurePurpose{carepath.PurposeTreatment}, SignedOn: "2026-06-01"}
	}
	purposes := func(in carepath.ConsentCreate, ps ...carepath.DisclosurePurpose) carepath.ConsentCreate {
		in.Purposes = ps
		return in
	}
	withEnd := func(in carepath.ConsentCreate, on, event string) carepath.ConsentCreate {
		in.ExpiresOn, in.ExpiresOnEvent = on, event
		return in
	}
	long := string(make([]byte, 1001))
	for _, tt := range []struct {
		name string
		in   carepath.ConsentCreate
		want []string
	}{
		{"treatment", carepath.ConsentCreate{ClientID: "c1", Kind: carepath.ConsentTreatment, SignedOn: today}, nil},
		{"part2 with a date", withEnd(disclose(carepath.ConsentPart2Disclosure), "2027-06-01", ""), nil},
		{"part2 with an event", withEnd(disclose(carepath.ConsentPart2Disclosure), "", "end of treatment"), nil},
		{"part2 with both", withEnd(disclose(carepath.ConsentPart2Disclosure), "2027-06-01", "discharge"), nil},
		{"part2 without an end", disclose(carepath.ConsentPart2Disclosure), []string{"expires_on"}},
		{"part2 ending before it was signed", withEnd(disclose(carepath.ConsentPart2Disclosure), "2026-05-01", ""), []string{"expires_on"}},
		{"part2 without a purpose of use", withEnd(purposes(disclose(carepath.ConsentPart2Disclosure)), "2027-06-01", ""), []string{"purposes"}},
		{"part2 with an unknown purpose", withEnd(purposes(disclose(carepath.ConsentPart2Disclosure), carepath.PurposePayment, "marketing"), "2027-06-01", ""),
			[]string{"purposes[1]"}},
		{"part2 naming a purpose twice", withEnd(purposes(disclose(carepath.ConsentPart2Disclosure), carepath.PurposePayment, carepath.PurposePayment), "2027-06-01", ""),
			[]string{"purposes[1]"}},
		{"release of information without an end", disclose(carepath.ConsentReleaseOfInformation), nil},
		{"release of information needs no purpose of use", purposes(disclose(carepath.ConsentReleaseOfInformation)), nil},
		{"release of information without purpose", carepath.ConsentCreate{ClientID: "c1", Kind: carepath.ConsentReleaseOfInformation,
			Recipient: "Dr. Kim", Information: "labs", SignedOn: today}, []string{"purpose"}},
		{"telehealth needs no recipient", carepath.ConsentCreate{ClientID: "c1", Kind: carepath.ConsentTelehealth, SignedOn: today}, nil},
		{"too long text", carepath.ConsentCreate{ClientID: "c1", Kind: carepath.ConsentOther, Purpose: long, SignedOn: today}, []string{"purpose"}},
		{"everything wrong", carepath.ConsentCreate{Kind: "x", SignedOn: "tomorrow", ExpiresOn: "never"},
			[]string{"client_id", "kind", "signed_on", "expires_on"}},
		{"signed tomorrow", carepath.ConsentCreate{ClientID: "c1", Kind: carepath.ConsentTreatment, SignedOn: "2026-06-16"}, []string{"signed_on"}},
	} {
		in := tt.in
		c, err := in.Consent(today)
		if got := consentFields(err); !slices.Equal(got, tt.want) {
			t.Errorf("%s: fields %v (%v), want %v", tt.name, got, err, tt.want)
		}
		if err == nil && (c.ClientID != "c1" || c.Kind != tt.in.Kind || (c.Recipient != "" && c.Recipient != "Dr. Kim")) {
			t.Errorf("%s: built %+v", tt.name, c)
		}
		if err != nil && carepath.ErrorCode(err) != carepath.EINVALID {
			t.Errorf("%s: code %s", tt.name, carepath.ErrorCode(err))
		}
	}
}

func TestConsentActiveOn(t *testing.T) {
	at := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name  string
		c     *carepath.Consent
		today string
		want  bool
	}{
		{"nil", nil, "2026-06-15", false},
		{"open-ended", &carepath.Consent{SignedOn: "2026-01-01"}, "2026-06-15", true},
		{"signed today", &carepath.Consent{SignedOn: "2026-06-15"}, "2026-06-15", true},
		{"not yet signed", &carepath.Consent{SignedOn: "2026-06-16"}, "2026-06-15", false},
		{"last day", &carepath.Consent{SignedOn: "2026-01-01", ExpiresOn: "2026-06-15"}, "2026-06-15", true},
		{"expired", &carepath.Consent{SignedOn: "2026-01-01", ExpiresOn: "2026-06-14"}, "2026-06-15", false},
		{"event-bound until revoked", &carepath.Consent{SignedOn: "2026-01-01", ExpiresOnEvent: "discharge"}, "2030-01-01", true},
		{"revoked", &carepath.Consent{SignedOn: "2026-01-01", RevokedAt: &at}, "2026-06-15", false},
	} {
		if got := tt.c.ActiveOn(tt.today); got != tt.want {
			t.Errorf("%s: ActiveOn = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestCheckRevokeReason(t *testing.T) {
	r := "  by phone "
	if err := carepath.CheckRevokeReason(&r); err != nil || r != "by phone" {
		t.Errorf("CheckRevokeReason = %v, %q", err, r)
	}
	empty := " "
	if err := carepath.CheckRevokeReason(&empty); !slices.Equal(consentFields(err), []string{"reason"}) {
		t.Errorf("empty reason: %v", err)
	}
}

func TestActiveDisclosureConsent(t *testing.T) {
	revoked := time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)
	kim := func(signed, expires string) *carepath.Consent {
		return &carepath.Consent{ID: signed + expires, Kind: carepath.ConsentPart2Disclosure, Recipient: "Dr. Kim",
			Purposes: []carepath.DisclosurePurpose{carepath.PurposeTreatment, carepath.PurposePayment}, SignedOn: signed, ExpiresOn: expires}
	}
	roi := &carepath.Consent{ID: "roi", Kind: carepath.ConsentReleaseOfInformation, Recipient: "Dr. Kim", SignedOn: "2026-01-01"}
	gone := kim("2026-04-01", "")
	gone.RevokedAt = &revoked
	for _, tt := range []struct {
		name      string
		list      []*carepath.Consent
		recipient string
		purpose   carepath.DisclosurePurpose
		today     string
		want      string // the id, "" for nil
	}{
		{"none", nil, "Dr. Kim", carepath.PurposeTreatment, "2026-06-15", ""},
		{"a release of information is not a Part 2 consent", []*carepath.Consent{roi}, "Dr. Kim", carepath.PurposeTreatment, "2026-06-15", ""},
		{"empty recipient", []*carepath.Consent{kim("2026-01-01", "")}, " ", carepath.PurposeTreatment, "2026-06-15", ""},
		{"other recipient", []*carepath.Consent{kim("2026-01-01", "")}, "Dr. Kimball", carepath.PurposeTreatment, "2026-06-15", ""},
		{"last day", []*carepath.Consent{kim("2026-01-01", "2026-06-15")}, "dr. kim", carepath.PurposeTreatment, "2026-06-15", "2026-01-012026-06-15"},
		{"expired", []*carepath.Consent{kim("2026-01-01", "2026-06-14")}, "Dr. Kim", carepath.PurposeTreatment, "2026-06-15", ""},
		{"signed later than today", []*carepath.Consent{kim("2026-07-01", "")}, "Dr. Kim", carepath.PurposeTreatment, "2026-06-15", ""},
		{"revoked", []*carepath.Consent{gone}, "Dr. Kim", carepath.PurposeTreatment, "2026-06-15", ""},
		{"another purpose", []*carepath.Consent{kim("2026-01-01", "")}, "Dr. Kim", carepath.PurposeOperations, "2026-06-15", ""},
		{"the second purpose", []*carepath.Consent{kim("2026-01-01", "")}, "Dr. Kim", carepath.PurposePayment, "2026-06-15", "2026-01-01"},
		{"latest signed wins", []*carepath.Consent{kim("2026-01-01", ""), gone, kim("2026-03-01", "2026-12-31"), nil}, "Dr.  Kim", carepath.PurposeTreatment, "2026-06-15", "2026-03-012026-12-31"},
	} {
		got := carepath.ActiveDisclosureConsent(tt.list, tt.recipient, tt.purpose, tt.today)
		if id := ""; got != nil {
			id = got.ID
			if id != tt.want {
				t.Errorf("%s: got %q, want %q", tt.name, id, tt.want)
			}
		} else if tt.want != "" {
			t.Errorf("%s: got nil, want %q", tt.name, tt.want)
		}
	}
}
