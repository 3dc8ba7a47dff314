package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/carepath/carepath"
)

// consentForm is what the consent form holds, as typed.
type consentForm struct {
	Kind, Recipient, Information, Purpose, SignedOn, ExpiresOn, ExpiresOnEvent string
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
	"consent-signed-on", "consent-expires-on", "consent-expires-on-event"}

func newConsentNewView(who signedIn, c *carepath.Client, f consentForm, errs map[string]string) consentNewView {
	v := consentNewView{page: page{Title: "Record a consent"}, Who: who, Client: c, Form: f, Kinds: consentKinds, Errors: errs}
	for _, id := range consentFormOrder {
		if m, ok := errs[id]; ok {
			v.Summary = append(v.Summary, errorLink{id, m})
		}
	}
	return v
}

// consentNewForm shows an empty consent form, a Part 2 disclosure signed today.
func (s *Server) consentNewForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	f := consentForm{Kind: string(carepath.ConsentPart2Disclosure), SignedOn: time.Now().UTC().Format(carepath.DateLayout)}
	s.render(w, r, http.StatusOK, "consent_new", newConsentNewView(who, c, f, map[string]string{}))
}

// consentRecord records the posted consent and goes back to the list, or shows the form again
// with every value kept and each problem named (400).
func (s *Server) consentRecord(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	_ = r.ParseForm()
	v := r.PostForm
	f := consentForm{Kind: v.Get("kind"), Recipient: v.Get("recipient"), Information: v.Get("information"),
		Purpose: v.Get("purpose"), SignedOn: v.Get("signed_on"), ExpiresOn: v.Get("expires_on"),
		ExpiresOnEvent: v.Get("expires_on_event")}
	_, err := s.Consents.RecordConsent(r.Context(), carepath.ConsentCreate{ClientID: c.ID, Kind: carepath.ConsentKind(f.Kind),
		Recipient: f.Recipient, Information: f.Information, Purpose: f.Purpose, SignedOn: f.SignedOn,
		ExpiresOn: f.ExpiresOn, ExpiresOnEvent: f.ExpiresOnEvent})
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/clients/"+c.ID+"/consents", http.StatusSeeOther)
	case isInvalid(err):
		errs := map[string]string{}
		for _, fe := range carepath.ErrorFields(err) {
			id := consentFieldID(fe.Field)
			if prev, dup := errs[id]; dup {
				errs[id] = prev + " " + fe.Message
			} else {
				errs[id] = fe.Message
			}
		}
		if len(errs) == 0 {
			errs["consent-kind"] = carepath.ErrorMessage(err)
		}
		s.render(w, r, http.StatusBadRequest, "consent_new", newConsentNewView(who, c, f, errs))
	default:
		s.fail(w, r, "record consent", err, consentErrors)
	}
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
