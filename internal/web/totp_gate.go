package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// totpPath is the page that sets up an authenticator app, the one staff page an admin
// without one may open.
const totpPath = "/staff/account/totp"

// demoNoTOTPKey marks the context of a request of a demo admin working without an
// authenticator app (Server.DemoDomain), so every page says so in a banner.
type demoNoTOTPKey struct{}

// demoExempt reports whether the account with email is one of the demo's own accounts while
// serve --demo runs (Server.DemoDomain), which may work without an authenticator app.
func (s *Server) demoExempt(email string) bool {
	return s.DemoDomain != "" && strings.HasSuffix(strings.ToLower(email), "@"+strings.ToLower(s.DemoDomain))
}

// totpGate applies the rule that admins use an authenticator app (access.MustUseTOTP): a
// request of an admin whose account has none, to any staff page but the set-up page (and the
// keep-alive), is sent to the set-up page (303) and totpGate returns false. A demo admin under
// serve --demo is let through, with the request marked for the banner. It returns the request
// to go on with.
func (s *Server) totpGate(w http.ResponseWriter, r *http.Request, who signedIn, st carepath.StaffStatus) (*http.Request, bool) {
	if !access.MustUseTOTP(who.Role) || st.TOTPEnabled {
		return r, true
	}
	if s.demoExempt(st.Email) {
		return r.WithContext(context.WithValue(r.Context(), demoNoTOTPKey{}, true)), true
	}
	if r.URL.Path == totpPath || r.URL.Path == keepAlivePath {
		return r, true
	}
	http.Redirect(w, r, totpPath, http.StatusSeeOther) // a form sent is not taken before the set-up
	return r, false
}

// demoWithoutTOTP reports whether r is a demo admin's, working without an authenticator app.
func demoWithoutTOTP(r *http.Request) bool {
	v, _ := r.Context().Value(demoNoTOTPKey{}).(bool)
	return v
}
