package web

import (
	"net/http"
)

// totpNew shows a new secret as a QR code and as text, and a field for the first code. The
// same secret is shown until it is confirmed, so reloading the page does not change it.
func (s *Server) totpNew(w http.ResponseWriter, r *http.Request, who signedIn) {
	m := s.manager(r)
	if m.PopBool(r.Context(), sessTOTPDone) {
		s.render(w, r, http.StatusOK, "totp", totpView{page: page{Title: "Authenticator app"}, Who: who, Done: true})
		return
	}
	s.renderTOTP(w, r, who, http.StatusOK, map[string]string{})
}
