package web

import (
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/api"
)

// DefaultSessionIdle is how long a staff session lasts without a request.
const DefaultSessionIdle = 15 * time.Minute

// sessionLifetime is the longest a session lasts, however busy.
const sessionLifetime = 12 * time.Hour

// The session keys.
const (
	sessStaffID   = "staff_id"
	sessStaffRole = "staff_role"
	sessStaffName = "staff_name"
)

// sessions holds two session managers on one store: one for plain HTTP and one whose
// cookie is Secure, for requests that arrived over TLS.
type sessions struct {
	plain, secure *scs.SessionManager
}

// newSessions builds the session managers: HttpOnly, SameSite=Lax cookies that end after
// idle minutes without a request.
func newSessions(store scs.Store, idle time.Duration) *sessions {
	if idle <= 0 {
		idle = DefaultSessionIdle
	}
	mk := func(secure bool) *scs.SessionManager {
		m := scs.New()
		if store != nil {
			m.Store = store
		}
		m.IdleTimeout, m.Lifetime = idle, sessionLifetime
		m.Cookie.Name = "carepath_session"
		m.Cookie.HttpOnly, m.Cookie.SameSite, m.Cookie.Secure, m.Cookie.Path = true, http.SameSiteLaxMode, secure, "/"
		return m
	}
	return &sessions{plain: mk(false), secure: mk(true)}
}

// manager returns the session manager for r.
func (s *Server) manager(r *http.Request) *scs.SessionManager {
	if r.TLS != nil {
		return s.sess.secure
	}
	return s.sess.plain
}

// withSession loads the session before h and saves it after.
func (s *Server) withSession(h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.manager(r).LoadAndSave(h).ServeHTTP(w, r)
	})
}

// signedIn is who the session says is signed in.
type signedIn struct {
	ID, Name string
	Role     carepath.Role
}

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
// sends the browser to the sign-in page.
func (s *Server) requireStaff(h func(w http.ResponseWriter, r *http.Request, who signedIn)) http.Handler {
	return s.withSession(func(w http.ResponseWriter, r *http.Request) {
		who, ok := s.currentStaff(r)
		if !ok {
			http.Redirect(w, r, "/login", http.StatusSeeOther)
			return
		}
		ctx := carepath.NewContext(r.Context(), carepath.Actor{ID: who.ID, Role: who.Role, Remote: api.RemoteAddr(r)})
		h(w, r.WithContext(ctx), who)
	})
}
