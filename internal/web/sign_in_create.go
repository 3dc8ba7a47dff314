package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/internal/httpserver"
)

// signInCreate checks the email, password and (when the account has one) TOTP code. Every failure
// shows the same message, which never says whether the account exists or is locked, and
// keeps the typed email. Success starts a new session (a new token, against fixation) and
// goes on as afterSignIn says: a form kept over the last sign-in is saved now.
func (s *Server) signInCreate(w http.ResponseWriter, r *http.Request) {
	v := loginView{page: page{Title: "Staff sign-in"}}
	if err := r.ParseForm(); err != nil || s.Staff == nil {
		v.Summary = []errorLink{{"login-email", "The form could not be read. Please try again."}}
		s.render(w, r, http.StatusBadRequest, "login", v)
		return
	}
	v.Email = r.PostForm.Get("email")
	st, err := s.Staff.Authenticate(httpserver.PublicContext(r), v.Email, r.PostForm.Get("password"), r.PostForm.Get("code"), httpserver.RemoteAddr(r))
	if err != nil {
		status := http.StatusUnauthorized
		msg := carepath.AuthFailedMessage
		if httpserver.Status(err) != http.StatusUnauthorized {
			s.Log.Error("sign in", "err", err)
			status, msg = http.StatusInternalServerError, "We could not sign you in just now. Please try again in a minute."
		}
		v.Summary = []errorLink{{"login-email", msg}}
		s.render(w, r, status, "login", v)
		return
	}
	m := s.manager(r)
	if err := m.RenewToken(r.Context()); err != nil {
		s.Log.Error("renew session", "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	m.Put(r.Context(), sessStaffID, st.ID)
	m.Put(r.Context(), sessStaffRole, string(st.Role))
	m.Put(r.Context(), sessStaffName, st.Name)
	m.Put(r.Context(), sessStaffZone, st.TimeZone)
	if err := s.rememberOwner(w, r, st.ID); err != nil {
		s.Log.Error("sign in", "err", err)
	}
	if access.MustUseTOTP(st.Role) && !st.TOTPEnabled && !s.demoExempt(st.Email) {
		// An admin sets up an authenticator app first; a form kept over the last sign-in
		// waits in the session for the next one.
		http.Redirect(w, r, totpPath, http.StatusSeeOther)
		return
	}
	s.afterSignIn(w, r, signedIn{ID: st.ID, Name: st.Name, Role: st.Role})
}
