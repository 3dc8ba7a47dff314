package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

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
