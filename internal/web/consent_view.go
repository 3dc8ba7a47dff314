package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/carepath/carepath"
)

// consentKindChoice names one consent kind on the pages.
type consentKindChoice struct {
	Kind carepath.ConsentKind
	Name string
}

// consentKinds are the consent kinds, the 42 CFR Part 2 disclosure first.
var consentKinds = []consentKindChoice{
	{carepath.ConsentPart2Disclosure, "Disclosure of substance use disorder records (42 CFR Part 2)"},
	{carepath.ConsentReleaseOfInformation, "Release of other information"},
	{carepath.ConsentTreatment, "Consent to treatment"},
	{carepath.ConsentTelehealth, "Consent to telehealth"},
	{carepath.ConsentOther, "Other"},
}

// consentKindName is the plain name of a consent kind.
func consentKindName(k carepath.ConsentKind) string {
	for _, c := range consentKinds {
		if c.Kind == k {
			return c.Name
		}
	}
	return string(k)
}

// consentRow is one consent in the list, with its state in words and its revoke form.
type consentRow struct {
	*carepath.Consent
	KindName, State, RecordedByName string
	PurposesText                    string // the purposes of use in words
	Reason, ReasonError             string // the revoke form, as typed
}

// consentListView is the view model of the client's consents.
type consentListView struct {
	page
	Who     signedIn
	Client  *carepath.Client
	Rows    []consentRow
	Notice  string
	Summary []errorLink
}

// renderConsentList reads the client's consents and renders the list with status, after
// adjust has set any notice or error.
func (s *Server) renderConsentList(w http.ResponseWriter, r *http.Request, who signedIn, status int, adjust func(*consentListView)) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	list, err := s.Consents.FindConsents(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, "find consents", err, consentErrors)
		return
	}
	v := consentListView{page: page{Title: "Consents"}, Who: who, Client: c}
	ids := make([]string, len(list))
	for i, cs := range list {
		ids[i] = cs.RecordedBy
	}
	names := s.staffNames(r, ids...)
	for i, cs := range list {
		v.Rows = append(v.Rows, consentRow{Consent: cs, KindName: consentKindName(cs.Kind), State: consentState(cs),
			RecordedByName: names[i], PurposesText: purposeLabels(cs.Purposes)})
	}
	adjust(&v)
	s.render(w, r, status, "consent", v)
}

// consentState is a consent's state in a word: active, revoked or expired. A consent is
// never signed in the future, so one neither active nor revoked has expired.
func consentState(c *carepath.Consent) string {
	switch {
	case c.RevokedAt != nil:
		return "revoked"
	case c.Active:
		return "active"
	}
	return "expired"
}

// consentFieldID is the element id of the consent form's field for a service field path.
func consentFieldID(field string) string {
	switch field {
	case "kind", "recipient", "information", "purpose", "purposes", "signed_on", "expires_on", "expires_on_event":
		return "consent-" + strings.ReplaceAll(field, "_", "-")
	}
	if strings.HasPrefix(field, "purposes[") {
		return "consent-purposes"
	}
	return "consent-kind"
}

// chartConsentSection is the chart's consent section: how many consents are active, expired
// and revoked, and the active disclosures by recipient.
type chartConsentSection struct {
	Denied                   bool
	Problem                  string
	Active, Expired, Revoked int
	Disclosures              []*carepath.Consent // active consents to share records outside the clinic
}

// chartConsents reads the client's consents for the chart.
func (s *Server) chartConsents(r *http.Request, clientID string) chartConsentSection {
	if s.Consents == nil {
		return chartConsentSection{Denied: true}
	}
	list, err := s.Consents.FindConsents(r.Context(), clientID)
	if err != nil {
		sec := sectionOf[*carepath.Consent](s, "consents", nil, err)
		return chartConsentSection{Denied: sec.Denied, Problem: sec.Problem}
	}
	var sec chartConsentSection
	for _, c := range list {
		switch consentState(c) {
		case "active":
			sec.Active++
			if c.Kind.Discloses() {
				sec.Disclosures = append(sec.Disclosures, c)
			}
		case "revoked":
			sec.Revoked++
		default:
			sec.Expired++
		}
	}
	return sec
}

// consentForm is what the consent form holds, as typed.
type consentForm struct {
	Kind, Recipient, Information, Purpose, SignedOn, ExpiresOn, ExpiresOnEvent string
	Purposes                                                                   []string
}

// purposeChoice is one purpose of use on the consent form, ticked or not.
type purposeChoice struct {
	Purpose carepath.DisclosurePurpose
	Label   string
	Checked bool
}

// PurposeChoices are the form's purposes of use, with the ones typed ticked.
func (v consentNewView) PurposeChoices() []purposeChoice {
	out := make([]purposeChoice, len(carepath.DisclosurePurposes))
	for i, p := range carepath.DisclosurePurposes {
		out[i] = purposeChoice{Purpose: p.Purpose, Label: p.Label, Checked: slices.Contains(v.Form.Purposes, string(p.Purpose))}
	}
	return out
}

// purposeLabels are a consent's purposes of use in words, for the list.
func purposeLabels(ps []carepath.DisclosurePurpose) string {
	labels := make([]string, len(ps))
	for i, p := range ps {
		labels[i] = p.Label()
	}
	return strings.Join(labels, "; ")
}

// consentNewView is the view model of the form that records a consent.
type consentNewView struct {
	page
	Who     signedIn
	Client  *carepath.Client
	Form    consentForm
	Kinds   []consentKindChoice
	Errors  map[string]string // by element id
	Summary []errorLink
}

// consentFormOrder is the order of the form's fields, for the error summary.
var consentFormOrder = []string{"consent-kind", "consent-recipient", "consent-information", "consent-purpose",
	"consent-purposes", "consent-signed-on", "consent-expires-on", "consent-expires-on-event"}

func newConsentNewView(who signedIn, c *carepath.Client, f consentForm, errs map[string]string) consentNewView {
	v := consentNewView{page: page{Title: "Record a consent"}, Who: who, Client: c, Form: f, Kinds: consentKinds, Errors: errs}
	for _, id := range consentFormOrder {
		if m, ok := errs[id]; ok {
			v.Summary = append(v.Summary, errorLink{id, m})
		}
	}
	return v
}

// consentField is one text field of the consent form, ready to render.
type consentField struct {
	ID, Name, Label, Value, Error, Type, Describe string
}

// consentFields are the form's text fields: name, label, type and hint id.
var consentFields = map[string][4]string{
	"recipient":        {"consent-recipient", "Recipient: the person or organization the records may be shared with", "input", "consent-disclosure-hint"},
	"information":      {"consent-information", "Information that may be shared, and how much", "textarea", "consent-disclosure-hint"},
	"purpose":          {"consent-purpose", "Purpose of the disclosure", "textarea", "consent-disclosure-hint"},
	"signed_on":        {"consent-signed-on", "Signed on (YYYY-MM-DD)", "date", ""},
	"expires_on":       {"consent-expires-on", "Expires on (YYYY-MM-DD, the last day it holds)", "date", "consent-expiry-hint"},
	"expires_on_event": {"consent-expires-on-event", "Or ends with an event (e.g. end of treatment)", "input", "consent-expiry-hint"},
}

// Field returns the form's text field name with its value and error.
func (v consentNewView) Field(name string) consentField {
	d := consentFields[name]
	f := consentField{ID: d[0], Name: name, Label: d[1], Type: d[2], Describe: d[3], Error: v.Errors[d[0]]}
	switch name {
	case "recipient":
		f.Value = v.Form.Recipient
	case "information":
		f.Value = v.Form.Information
	case "purpose":
		f.Value = v.Form.Purpose
	case "signed_on":
		f.Value = v.Form.SignedOn
	case "expires_on":
		f.Value = v.Form.ExpiresOn
	case "expires_on_event":
		f.Value = v.Form.ExpiresOnEvent
	}
	if f.Error != "" {
		f.Describe = strings.TrimSpace(f.Describe + " " + f.ID + "-error")
	}
	return f
}
