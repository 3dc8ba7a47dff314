package web

import (
	"context"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
	"github.com/carepath/carepath/internal/httpserver"
)

// DefaultSignInIdle is how long a staff session lasts without a request.
const DefaultSignInIdle = 15 * time.Minute

// signInLifetime is the longest a session lasts, however busy.
const signInLifetime = 12 * time.Hour

// The session keys.
const (
	sessStaffID   = "staff_id"
	sessStaffRole = "staff_role"
	sessStaffName = "staff_name"
	// sessLoginNotice is a message for the next sign-in page, such as why a session ended.
	sessLoginNotice = "login_notice"
)

// disabledNotice is what the sign-in page says after requireStaff ended the session of a
// disabled account.
const disabledNotice = "You have been signed out because your account has been disabled. Please ask an administrator if you need access."

// signInSessions holds two session managers on one store: one for plain HTTP and one whose
// cookie is Secure and named with the __Host- prefix (only sent over HTTPS, never set by a
// subdomain), for clients that reached carepath over HTTPS, directly or through a trusted
// proxy (httpserver.Secure).
type signInSessions struct {
	plain, secure *scs.SessionManager
	// owner and ownerSecure keep who signed in on a browser for twelve hours (kept_form.go).
	owner, ownerSecure *scs.SessionManager
}

// newSignInSessions builds the session managers: HttpOnly, SameSite=Lax cookies that end after
// idle minutes without a request.
func newSignInSessions(store scs.Store, idle time.Duration) *signInSessions {
	if idle <= 0 {
		idle = DefaultSignInIdle
	}
	mk := func(secure bool) *scs.SessionManager {
		m := scs.New()
		if store != nil {
			m.Store = store
		}
		m.IdleTimeout, m.Lifetime = idle, signInLifetime
		m.Cookie.Name = "carepath_session"
		if secure {
			m.Cookie.Name = "__Host-carepath_session"
		}
		m.Cookie.HttpOnly, m.Cookie.SameSite, m.Cookie.Secure, m.Cookie.Path = true, http.SameSiteLaxMode, secure, "/"
		return m
	}
	owner := func(secure bool) *scs.SessionManager {
		m := mk(secure)
		m.IdleTimeout, m.Cookie.Name = 0, "carepath_owner"
		if secure {
			m.Cookie.Name = "__Host-carepath_owner"
		}
		return m
	}
	return &signInSessions{plain: mk(false), secure: mk(true), owner: owner(false), ownerSecure: owner(true)}
}

// signInIdle is how long a sign-in lasts without a request.
func (s *Server) signInIdle() time.Duration {
	if s.SignInIdle <= 0 {
		return DefaultSignInIdle
	}
	return s.SignInIdle
}

// manager returns the session manager for r.
func (s *Server) manager(r *http.Request) *scs.SessionManager {
	if httpserver.Secure(r) {
		return s.signIn.secure
	}
	return s.signIn.plain
}

// withSignIn loads the session before h and saves it after.
func (s *Server) withSignIn(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.manager(r).LoadAndSave(h).ServeHTTP(w, r)
	})
}

// signedIn is who the session says is signed in.
type signedIn struct {
	ID, Name string
	Role     carepath.Role
}

// signedInKey marks the context of a request requireStaff let through; its value is who.
type signedInKey struct{}

// staffOf returns who a request requireStaff let through is from.
func staffOf(r *http.Request) (signedIn, bool) {
	who, ok := r.Context().Value(signedInKey{}).(signedIn)
	return who, ok
}

// actor is who as the access rules see them.
func (who signedIn) actor() carepath.Actor { return carepath.Actor{ID: who.ID, Role: who.Role} }

// currentStaff returns the staff member the session of r names, and false when nobody is
// signed in.
func (s *Server) currentStaff(r *http.Request) (signedIn, bool) {
	m := s.manager(r)
	id := m.GetString(r.Context(), sessStaffID)
	if id == "" {
		return signedIn{}, false
	}
	return signedIn{ID: id, Name: m.GetString(r.Context(), sessStaffName), Role: carepath.Role(m.GetString(r.Context(), sessStaffRole))}, true
}

// requireStaff runs h with the signed-in staff member's actor in the request's context, or
// sends the browser to the sign-in page. It re-reads the account on every request
// (StaffActive: one indexed row, not audited when it succeeds), so a disabled account's
// session ends at its next request and a role change applies at once.
//
// Without a sign-in, a page is remembered and a form kept for after the sign-in
// (keepForLater); a kept form sent again after the sign-in runs as whoever just signed in.
func (s *Server) requireStaff(h func(w http.ResponseWriter, r *http.Request, who signedIn)) http.Handler {
	load := s.withSignIn(func(w http.ResponseWriter, r *http.Request) {
		who, ok := s.currentStaff(r)
		if !ok {
			s.keepForLater(w, r)
			return
		}
		status, ok := s.recheckStaff(w, r, &who)
		if !ok {
			return
		}
		if r, ok = s.totpGate(w, r, who, status); !ok {
			return
		}
		ctx := carepath.NewContext(r.Context(), carepath.Actor{ID: who.ID, Role: who.Role, Remote: httpserver.RemoteAddr(r)})
		h(w, r.WithContext(context.WithValue(ctx, signedInKey{}, who)), who)
	})
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if who, ok := resumedStaff(r); ok {
			asResumed(h, w, r, who)
			return
		}
		load.ServeHTTP(w, r)
	})
}

// recheckStaff reads who's account as it is now, updates who to the current role (and the
// session when the role changed) and returns the account's status. When the account is
// disabled or gone it ends the session, sends the browser to the sign-in page with a notice
// and returns false; when the account cannot be read it answers 500 and returns false.
func (s *Server) recheckStaff(w http.ResponseWriter, r *http.Request, who *signedIn) (carepath.StaffStatus, bool) {
	if s.Staff == nil {
		s.endSignIn(w, r, "")
		return carepath.StaffStatus{}, false
	}
	ctx := carepath.NewContext(r.Context(), carepath.Actor{ID: who.ID, Role: who.Role, Remote: httpserver.RemoteAddr(r)})
	st, err := s.Staff.StaffActive(ctx, who.ID)
	switch {
	case httpserver.Status(err) == http.StatusInternalServerError:
		s.fail(w, r, "re-check staff session", err, signInCheckErrors)
		return st, false
	case err != nil || !st.Active:
		s.endSignIn(w, r, disabledNotice)
		return st, false
	}
	if st.Role != who.Role {
		s.manager(r).Put(r.Context(), sessStaffRole, string(st.Role))
		who.Role = st.Role
	}
	return st, true
}

// endSignIn ends the session of r (a new, empty session carries notice, when there is one,
// to the sign-in page) and sends the browser there.
func (s *Server) endSignIn(w http.ResponseWriter, r *http.Request, notice string) {
	m := s.manager(r)
	if err := m.Destroy(r.Context()); err != nil {
		s.Log.Error("end session", "err", err)
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	if notice != "" {
		m.Put(r.Context(), sessLoginNotice, notice)
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// loginNotice returns, once, the notice a previous request left for the sign-in page.
func (s *Server) loginNotice(r *http.Request) string {
	return s.manager(r).PopString(r.Context(), sessLoginNotice)
}

// WithStaffSession serves next, an endpoint beside the pages that also takes other credentials
// (FHIR under /fhir/R4 takes API tokens), with the sign-in session loaded: when the request
// carries no Authorization header and a staff member is signed in on it with an account that
// is still active — and, for an admin, has the authenticator app every staff page asks of
// them (access.MustUseTOTP; the demo's own admin under serve --demo is let in, as on the
// pages) — next runs with that staff member's actor in its context (and the session's idle
// timer restarts, as on a page); otherwise next runs with the request as it came and decides
// itself (a bearer token, or 401). It never redirects: a session that has ended, or that the
// pages would send to set up an app, is simply no sign-in here.
func (s *Server) WithStaffSession(next http.Handler) http.Handler {
	return s.withSignIn(func(w http.ResponseWriter, r *http.Request) {
		if who, ok := s.currentStaff(r); ok && r.Header.Get("Authorization") == "" && s.Staff != nil {
			actor := carepath.Actor{ID: who.ID, Role: who.Role, Remote: httpserver.RemoteAddr(r)}
			st, err := s.Staff.StaffActive(carepath.NewContext(r.Context(), actor), who.ID)
			if err == nil && st.Active && (!access.MustUseTOTP(st.Role) || st.TOTPEnabled || s.demoExempt(st.Email)) {
				actor.Role = st.Role
				r = r.WithContext(carepath.NewContext(r.Context(), actor))
			}
		}
		next.ServeHTTP(w, r)
	})
}
