package carepath_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/carepath/carepath"
)

func validClient() *carepath.Client {
	pct, copay := 20, carepath.Cents(2500)
	return &carepath.Client{
		GivenName: "Ana", FamilyName: "Lopez", BirthDate: "1990-06-15", Email: "ana@example.org", Phone: "555-010-2030",
		EmergencyContact: carepath.EmergencyContact{Name: "Rosa", Relationship: "sister", Phone: "555 010 9999"},
		Coverage:         carepath.Coverage{Payer: "Acme Health", MemberID: "M1", CoinsurancePercent: &pct, CopayCents: &copay},
	}
}

func paths(err error) []string {
	var out []string
	for _, f := range carepath.ErrorFields(err) {
		out = append(out, f.Field)
	}
	return out
}

func TestClientValidate(t *testing.T) {
	tomorrow := time.Now().UTC().AddDate(0, 0, 1).Format(carepath.DateLayout)
	neg, pct := carepath.Cents(-5), 150
	for _, tc := range []struct {
		name   string
		edit   func(c *carepath.Client)
		fields []string
	}{
		{"valid", func(c *carepath.Client) {}, nil},
		{"no contacts or coverage at all", func(c *carepath.Client) {
			c.Email, c.Phone, c.EmergencyContact, c.Coverage = "", "", carepath.EmergencyContact{}, carepath.Coverage{}
		}, nil},
		{"leap day", func(c *carepath.Client) { c.BirthDate = "2000-02-29" }, nil},
		{"1900-01-01 is the earliest", func(c *carepath.Client) { c.BirthDate = "1900-01-01" }, nil},
		{"blank names", func(c *carepath.Client) { c.GivenName, c.FamilyName = "\t", "" }, []string{"given_name", "family_name"}},
		{"long name", func(c *carepath.Client) { c.PreferredName = strings.Repeat("x", 101) }, []string{"preferred_name"}},
		{"not a leap year", func(c *carepath.Client) { c.BirthDate = "2001-02-29" }, []string{"birth_date"}},
		{"other layout", func(c *carepath.Client) { c.BirthDate = "06/15/1990" }, []string{"birth_date"}},
		{"future", func(c *carepath.Client) { c.BirthDate = tomorrow }, []string{"birth_date"}},
		{"before 1900", func(c *carepath.Client) { c.BirthDate = "1899-12-31" }, []string{"birth_date"}},
		{"bad email", func(c *carepath.Client) { c.Email = "Ana <ana@example.org>" }, []string{"email"}},
		{"bad phone", func(c *carepath.Client) { c.Phone = "call me" }, []string{"phone"}},
		{"emergency contact without name", func(c *carepath.Client) { c.EmergencyContact.Name = "" }, []string{"emergency_contact.name"}},
		{"negative amount", func(c *carepath.Client) { c.Coverage.DeductibleRemainingCents = &neg }, []string{"coverage.deductible_remaining_cents"}},
		{"coinsurance over 100", func(c *carepath.Client) { c.Coverage.CoinsurancePercent = &pct }, []string{"coverage.coinsurance_percent"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := validClient()
			tc.edit(c)
			err := c.Validate()
			if got := paths(err); !slices.Equal(got, tc.fields) {
				t.Errorf("Validate() = %v (fields %v), want fields %v", err, got, tc.fields)
			}
			if tc.fields != nil && carepath.ErrorCode(err) != carepath.EINVALID {
				t.Errorf("code %q, want %q", carepath.ErrorCode(err), carepath.EINVALID)
			}
		})
	}
}

func TestClientUpdate(t *testing.T) {
	s := func(v string) *string { return &v }
	u := carepath.ClientUpdate{Version: 3, GivenName: s(" Anna "), Coverage: &carepath.Coverage{}, CaseManagerID: s("staff-9")}
	if err := u.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	c := validClient()
	u.Apply(c)
	if c.GivenName != "Anna" || c.FamilyName != "Lopez" || c.Coverage.Payer != "" || c.Coverage.CopayCents != nil || c.CaseManagerID != "staff-9" || c.Email != "ana@example.org" {
		t.Errorf("after Apply: %+v", c)
	}
	bad := carepath.ClientUpdate{FamilyName: s(""), Email: s("nope"), BirthDate: s("1850-01-01")}
	if got := paths(bad.Validate()); !slices.Equal(got, []string{"version", "family_name", "birth_date", "email"}) {
		t.Errorf("fields %v", got)
	}
}

func TestClientJSON(t *testing.T) {
	c := validClient()
	c.ID, c.Version, c.PrimaryClinicianID = "0192", 2, "staff-1"
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"id":"0192"`, `"version":2`, `"given_name":"Ana"`, `"birth_date":"1990-06-15"`,
		`"emergency_contact":{"name":"Rosa","relationship":"sister"`, `"coinsurance_percent":20`, `"copay_cents":2500`,
		`"primary_clinician_id":"staff-1"`, `"created_at":`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON %s lacks %s", b, want)
		}
	}
}
