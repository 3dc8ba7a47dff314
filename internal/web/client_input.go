package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
)

// clientFieldDef describes one input of the client form. Path is the field's dotted path in
// carepath.Client (as field errors name it) and the input's name.
type clientFieldDef struct {
	Path, Label, Hint, Type, InputMode, Group string
	Required                                  bool
}

// The groups of the client form, in order.
const (
	groupWho       = "Who they are"
	groupContact   = "How to reach them"
	groupEmergency = "Emergency contact"
	groupCoverage  = "Insurance coverage"
	groupTeam      = "Care team"
)

var clientGroups = []string{groupWho, groupContact, groupEmergency, groupCoverage, groupTeam}

// moneyHint explains how the form takes amounts of money.
const moneyHint = "In dollars, for example 1200 or 1,200.50. Leave empty when not known."

// clientFieldDefs are the inputs of the client form, in the order they appear.
var clientFieldDefs = []clientFieldDef{
	{Path: "given_name", Label: "Given name", Group: groupWho, Required: true},
	{Path: "family_name", Label: "Family name", Group: groupWho, Required: true},
	{Path: "preferred_name", Label: "Preferred name", Hint: "What they like to be called, if different.", Group: groupWho},
	{Path: "birth_date", Label: "Birth date", Hint: "As YYYY-MM-DD, for example 1990-04-02.", InputMode: "numeric", Group: groupWho, Required: true},
	{Path: "pronouns", Label: "Pronouns", Hint: "For example she/her, he/him, they/them.", Group: groupWho},
	{Path: "preferred_language", Label: "Preferred language", Group: groupWho},
	{Path: "email", Label: "Email", Type: "email", Group: groupContact},
	{Path: "email_consent", Label: "Consent to contact by email", Group: groupContact,
		Hint: "Ask the client. With their consent, carepath emails them links to answer questions and to their safety plan, never their answers or diagnosis."},
	{Path: "phone", Label: "Phone", Type: "tel", Group: groupContact},
	{Path: "emergency_contact.name", Label: "Emergency contact's name", Group: groupEmergency},
	{Path: "emergency_contact.relationship", Label: "Relationship to the client", Hint: "For example partner, parent, friend.", Group: groupEmergency},
	{Path: "emergency_contact.phone", Label: "Emergency contact's phone", Type: "tel", Group: groupEmergency},
	{Path: "coverage.payer", Label: "Insurer (payer)", Hint: "Leave empty for self-pay.", Group: groupCoverage},
	{Path: "coverage.member_id", Label: "Member id", Group: groupCoverage},
	{Path: "payer_sex", Label: "Sex as the insurer has it on file", Group: groupCoverage,
		Hint: "What the insurance card or the payer has on file, which claims must match. It is separate from gender identity: record how the client describes themselves in pronouns."},
	{Path: "coverage.deductible_remaining_cents", Label: "Deductible remaining ($)", Hint: moneyHint, InputMode: "decimal", Group: groupCoverage},
	{Path: "coverage.coinsurance_percent", Label: "Coinsurance (%)", Hint: "A whole number from 0 to 100. Leave empty when not known.", InputMode: "numeric", Group: groupCoverage},
	{Path: "coverage.copay_cents", Label: "Copay per visit ($)", Hint: moneyHint, InputMode: "decimal", Group: groupCoverage},
	{Path: "coverage.out_of_pocket_remaining_cents", Label: "Out-of-pocket maximum remaining ($)", Hint: moneyHint, InputMode: "decimal", Group: groupCoverage},
	{Path: "primary_clinician_id", Label: "Primary clinician", Group: groupTeam},
	{Path: "case_manager_id", Label: "Case manager", Group: groupTeam},
}

// convertPaths are the fields the intake conversion form asks for (carepath.ClientInput).
var convertPaths = []string{"given_name", "family_name", "preferred_name", "birth_date", "pronouns",
	"preferred_language", "email", "phone", "primary_clinician_id", "case_manager_id"}

// allClientPaths are the paths of every input of the client form.
func allClientPaths() []string {
	out := make([]string, len(clientFieldDefs))
	for i, d := range clientFieldDefs {
		out[i] = d.Path
	}
	return out
}

// clientFieldID is the element id of the input for a field path.
func clientFieldID(path string) string {
	return "client-" + strings.NewReplacer(".", "-", "_", "-").Replace(path)
}

// clientForm holds what was typed into the client form, by field path, as text.
type clientForm map[string]string

// readClientForm reads the posted values of the given paths.
func readClientForm(r *http.Request, paths []string) clientForm {
	f := clientForm{}
	if err := r.ParseForm(); err != nil {
		return f
	}
	for _, p := range paths {
		f[p] = strings.TrimSpace(r.PostForm.Get(p))
	}
	return f
}

// clientFormOf fills the form with a stored client.
func clientFormOf(c *carepath.Client) clientForm {
	cv := c.Coverage
	return clientForm{
		"given_name": c.GivenName, "family_name": c.FamilyName, "preferred_name": c.PreferredName,
		"birth_date": c.BirthDate, "pronouns": c.Pronouns, "preferred_language": c.PreferredLanguage,
		"email": c.Email, "email_consent": yesIf(c.EmailConsent), "phone": c.Phone,
		"emergency_contact.name": c.EmergencyContact.Name, "emergency_contact.relationship": c.EmergencyContact.Relationship,
		"emergency_contact.phone": c.EmergencyContact.Phone,
		"coverage.payer":          cv.Payer, "coverage.member_id": cv.MemberID,
		"coverage.deductible_remaining_cents":    dollarsText(cv.DeductibleRemainingCents),
		"coverage.coinsurance_percent":           percentText(cv.CoinsurancePercent),
		"coverage.copay_cents":                   dollarsText(cv.CopayCents),
		"coverage.out_of_pocket_remaining_cents": dollarsText(cv.OutOfPocketRemainingCents),
		"primary_clinician_id":                   c.PrimaryClinicianID, "case_manager_id": c.CaseManagerID,
		"payer_sex": c.PayerSex,
	}
}

func dollarsText(c *carepath.Cents) string {
	if c == nil {
		return ""
	}
	return strings.TrimPrefix(c.String(), "$")
}

func percentText(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

// readAmount reads an amount like "1,200.50" or "$300" with the decision aid's parseDollars;
// "" is nil (not known).
func readAmount(s string) (*carepath.Cents, bool) {
	s = strings.ReplaceAll(s, " ", "")
	if s == "" {
		return nil, true
	}
	c, ok := parseDollars(s)
	if !ok {
		return nil, false
	}
	return &c, true
}

// client builds the client the form describes. Text that cannot be read as an amount or a
// percentage is recorded in errs by field path.
func (f clientForm) client(errs map[string]string) *carepath.Client {
	c := &carepath.Client{GivenName: f["given_name"], FamilyName: f["family_name"], PreferredName: f["preferred_name"],
		BirthDate: f["birth_date"], Pronouns: f["pronouns"], PreferredLanguage: f["preferred_language"],
		Email: f["email"], EmailConsent: f["email_consent"] == "yes", Phone: f["phone"], PrimaryClinicianID: f["primary_clinician_id"], CaseManagerID: f["case_manager_id"],
		EmergencyContact: carepath.EmergencyContact{Name: f["emergency_contact.name"],
			Relationship: f["emergency_contact.relationship"], Phone: f["emergency_contact.phone"]},
		Coverage: carepath.Coverage{Payer: f["coverage.payer"], MemberID: f["coverage.member_id"]},
		PayerSex: f["payer_sex"],
	}
	for _, m := range []struct {
		path string
		dst  **carepath.Cents
	}{
		{"coverage.deductible_remaining_cents", &c.Coverage.DeductibleRemainingCents},
		{"coverage.copay_cents", &c.Coverage.CopayCents},
		{"coverage.out_of_pocket_remaining_cents", &c.Coverage.OutOfPocketRemainingCents},
	} {
		v, ok := readAmount(f[m.path])
		if !ok {
			errs[m.path] = "Please give an amount in dollars, for example 1200 or 1,200.50."
		}
		*m.dst = v
	}
	if s := strings.TrimSuffix(f["coverage.coinsurance_percent"], "%"); strings.TrimSpace(s) != "" {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			errs["coverage.coinsurance_percent"] = "Please give a whole number from 0 to 100."
		} else {
			c.Coverage.CoinsurancePercent = &n
		}
	}
	return c
}

// update is the change the edit form asks for: every field, based on version.
func (f clientForm) update(version int, errs map[string]string) carepath.ClientUpdate {
	c := f.client(errs)
	return carepath.ClientUpdate{Version: version, GivenName: &c.GivenName, FamilyName: &c.FamilyName,
		PreferredName: &c.PreferredName, BirthDate: &c.BirthDate, Pronouns: &c.Pronouns, Email: &c.Email,
		EmailConsent: &c.EmailConsent, Phone: &c.Phone, PreferredLanguage: &c.PreferredLanguage, EmergencyContact: &c.EmergencyContact,
		Coverage: &c.Coverage, PrimaryClinicianID: &c.PrimaryClinicianID, CaseManagerID: &c.CaseManagerID, PayerSex: &c.PayerSex}
}

// yesIf is "yes" when b holds, for a yes/no select.
func yesIf(b bool) string {
	if b {
		return "yes"
	}
	return ""
}
