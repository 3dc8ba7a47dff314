package web

import (
	"net/http"
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

// consentList shows the client's consents, most recently signed first.
func (s *Server) consentList(w http.ResponseWriter, r *http.Request, who signedIn) {
	s.renderConsentList(w, r, who, http.StatusOK, func(*consentListView) {})
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
			RecordedByName: names[i]})
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

// consentRevoke revokes one of the client's consents for the reason given. A missing reason
// shows the list again with the problem next to the field (400); a consent already revoked
// shows it with a notice (409).
func (s *Server) consentRevoke(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	list, err := s.Consents.FindConsents(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, "find consents", err, consentErrors)
		return
	}
	id, found := r.PathValue("cid"), false
	for _, cs := range list {
		found = found || cs.ID == id
	}
	if !found {
		s.fail(w, r, "revoke consent", carepath.Errorf(carepath.ENOTFOUND, "There is no such consent."), consentErrors)
		return
	}
	reason := r.PostFormValue("reason")
	_, err = s.Consents.RevokeConsent(r.Context(), id, reason)
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/clients/"+c.ID+"/consents", http.StatusSeeOther)
	case isInvalid(err):
		msg := carepath.ErrorMessage(err)
		if fs := carepath.ErrorFields(err); len(fs) > 0 {
			msg = fs[0].Message
		}
		s.renderConsentList(w, r, who, http.StatusBadRequest, func(v *consentListView) {
			for i := range v.Rows {
				if v.Rows[i].ID == id {
					v.Rows[i].Reason, v.Rows[i].ReasonError = reason, msg
				}
			}
			v.Summary = []errorLink{{"revoke-reason-" + id, "Reason the consent was withdrawn: " + msg}}
		})
	case isConflict(err):
		s.renderConsentList(w, r, who, http.StatusConflict, func(v *consentListView) {
			v.Notice = carepath.ErrorMessage(err)
		})
	default:
		s.fail(w, r, "revoke consent", err, consentErrors)
	}
}

// consentFieldID is the element id of the consent form's field for a service field path.
func consentFieldID(field string) string {
	switch field {
	case "kind", "recipient", "information", "purpose", "signed_on", "expires_on", "expires_on_event":
		return "consent-" + strings.ReplaceAll(field, "_", "-")
	}
	return "consent-kind"
}
