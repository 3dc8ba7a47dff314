package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// consentCreate records the posted consent and goes back to the list, or shows the form again
// with every value kept and each problem named (400).
func (s *Server) consentCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, ok := s.chartClient(w, r)
	if !ok {
		return
	}
	_ = r.ParseForm()
	v := r.PostForm
	f := consentForm{Kind: v.Get("kind"), Recipient: v.Get("recipient"), Information: v.Get("information"),
		Purpose: v.Get("purpose"), SignedOn: v.Get("signed_on"), ExpiresOn: v.Get("expires_on"),
		ExpiresOnEvent: v.Get("expires_on_event"), Purposes: v["purposes"]}
	purposes := make([]carepath.DisclosurePurpose, len(f.Purposes))
	for i, p := range f.Purposes {
		purposes[i] = carepath.DisclosurePurpose(p)
	}
	_, err := s.Consents.RecordConsent(r.Context(), carepath.ConsentCreate{ClientID: c.ID, Kind: carepath.ConsentKind(f.Kind),
		Recipient: f.Recipient, Information: f.Information, Purpose: f.Purpose, Purposes: purposes, SignedOn: f.SignedOn,
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
