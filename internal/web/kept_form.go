package web

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/httpserver"
)

// Work is never lost to an expired sign-in. When a form arrives after the sign-in ended, it is
// kept in the sign-in session store (server-side, with the new anonymous session; never in an
// address), the browser goes to the sign-in page, which says so, and once the same person
// signs in the form is sent again through the route table as if it had just arrived: the
// save completes, or the form comes back filled in with its problems. A page asked for after
// the sign-in ended is opened once the person signs in.
//
// "The same person" is known from a second cookie set at sign-in (carepath_owner, twelve hours,
// HttpOnly), whose session holds only the staff id: on a shared tablet, a form one person typed
// is never saved under someone else's name; it is dropped and the sign-in page says so.

// The session keys of what is kept over an expired sign-in.
const (
	sessKeptForm = "kept_form" // a keptForm, as JSON
	sessReturnTo = "return_to" // the staff page asked for (path and query)
	ownerStaffID = "staff_id"  // in the owner session
)

// keptFormLimit is the largest form body kept (a long note fits; an upload does not).
const keptFormLimit = 256 << 10

// keepAlivePath is the idle warning's "Stay signed in": never kept, answered 401 when signed out.
const keepAlivePath = "/staff/keepalive"

// keptForm is a form that arrived after the sign-in ended.
type keptForm struct {
	Path  string     `json:"path"`
	Form  url.Values `json:"form"`
	Owner string     `json:"owner"` // who was signed in on this browser, when known
	At    time.Time  `json:"at"`
}

// resumedKey marks a kept form sent again after sign-in; its value is who signed in.
type resumedKey struct{}

// resumedStaff returns who signed in when r is a kept form sent again.
func resumedStaff(r *http.Request) (signedIn, bool) {
	who, ok := r.Context().Value(resumedKey{}).(signedIn)
	return who, ok
}

// keepForLater answers a request that needs a sign-in it does not have: on a browser someone
// signed in on within twelve hours, a staff page is remembered and a form is kept; the
// browser goes to the sign-in page, with a notice after a form.
func (s *Server) keepForLater(w http.ResponseWriter, r *http.Request) {
	m := s.manager(r)
	owner := ""
	if r.URL.Path != keepAlivePath {
		owner = s.ownerOf(r)
	}
	switch {
	case r.URL.Path == keepAlivePath:
		http.Error(w, "Signed out.", http.StatusUnauthorized)
		return
	case owner == "":
		// Nobody signed in on this browser lately: nothing is kept, so an anonymous caller
		// never stores anything.
	case r.Method == http.MethodGet || r.Method == http.MethodHead:
		if strings.HasPrefix(r.URL.Path, "/staff") {
			m.Put(r.Context(), sessReturnTo, r.URL.RequestURI())
		}
	case r.Method == http.MethodPost:
		m.Remove(r.Context(), sessReturnTo)
		notice := "Your sign-in ended after a while without activity. Sign in again to continue."
		ct := r.Header.Get("Content-Type")
		if ct == "" || strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
			r.Body = http.MaxBytesReader(w, r.Body, keptFormLimit)
			if err := r.ParseForm(); err == nil {
				k := keptForm{Path: r.URL.Path, Form: r.PostForm, Owner: owner, At: time.Now().UTC()}
				if b, err := json.Marshal(k); err == nil {
					m.Put(r.Context(), sessKeptForm, string(b))
					notice = "Your sign-in ended after a while without activity, so what you sent has not been saved yet. " +
						"It is kept: sign in again and it will be saved."
				}
			} else {
				notice = "Your sign-in ended after a while without activity, and what you sent was too large to keep. " +
					"Sign in again and send it once more."
			}
		}
		m.Put(r.Context(), sessLoginNotice, notice)
	}
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// afterSignIn finishes a sign-in: a kept form of the same person is sent again (and answers
// this request), a remembered page is opened, or the staff home.
func (s *Server) afterSignIn(w http.ResponseWriter, r *http.Request, who signedIn) {
	m := s.manager(r)
	returnTo := m.PopString(r.Context(), sessReturnTo)
	if raw := m.PopString(r.Context(), sessKeptForm); raw != "" {
		var k keptForm
		if err := json.Unmarshal([]byte(raw), &k); err == nil && strings.HasPrefix(k.Path, "/staff/") {
			if k.Owner == who.ID {
				s.resend(w, r, who, k)
				return
			}
			m.Put(r.Context(), sessHomeNotice, "A form someone else was sending on this device when their sign-in ended "+
				"was not saved under your name, and has been discarded.")
		}
	}
	if strings.HasPrefix(returnTo, "/staff") && !strings.HasPrefix(returnTo, "//") {
		http.Redirect(w, r, returnTo, http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/staff", http.StatusSeeOther)
}

// sessHomeNotice is a message for the next staff page that shows notices (the staff home).
const sessHomeNotice = "home_notice"

// resend sends a kept form through the route table again, as who, answering this request with
// whatever its handler answers (a redirect after a save, or the form with its problems).
func (s *Server) resend(w http.ResponseWriter, r *http.Request, who signedIn, k keptForm) {
	body := k.Form.Encode()
	r2 := r.Clone(context.WithValue(r.Context(), resumedKey{}, who))
	r2.Method, r2.URL, r2.RequestURI = http.MethodPost, &url.URL{Path: k.Path}, k.Path
	r2.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r2.Body, r2.ContentLength = io.NopCloser(strings.NewReader(body)), int64(len(body))
	r2.Form, r2.PostForm = k.Form, k.Form
	s.Log.Info("kept form sent after sign-in", "kept_for", time.Since(k.At).Round(time.Second).String())
	s.mux.ServeHTTP(w, r2)
}

// ownerSessions is the session manager of the owner cookie for r (Secure over TLS).
func (s *Server) ownerSessions(r *http.Request) *scs.SessionManager {
	if httpserver.Secure(r) {
		return s.signIn.ownerSecure
	}
	return s.signIn.owner
}

// ownerOf returns the staff id the owner cookie of r names, or "".
func (s *Server) ownerOf(r *http.Request) string {
	m := s.ownerSessions(r)
	c, err := r.Cookie(m.Cookie.Name)
	if err != nil || c.Value == "" {
		return ""
	}
	ctx, err := m.Load(r.Context(), c.Value)
	if err != nil {
		return ""
	}
	return m.GetString(ctx, ownerStaffID)
}

// rememberOwner sets the owner cookie of a new sign-in to name id.
func (s *Server) rememberOwner(w http.ResponseWriter, r *http.Request, id string) error {
	m := s.ownerSessions(r)
	ctx, err := m.Load(r.Context(), "")
	if err != nil {
		return fmt.Errorf("owner session: %w", err)
	}
	m.Put(ctx, ownerStaffID, id)
	token, expiry, err := m.Commit(ctx)
	if err != nil {
		return fmt.Errorf("owner session: %w", err)
	}
	m.WriteSessionCookie(ctx, w, token, expiry)
	return nil
}

// forgetOwner ends the owner session of r (a deliberate sign-out).
func (s *Server) forgetOwner(w http.ResponseWriter, r *http.Request) {
	m := s.ownerSessions(r)
	c, err := r.Cookie(m.Cookie.Name)
	if err != nil || c.Value == "" {
		return
	}
	ctx, err := m.Load(r.Context(), c.Value)
	if err != nil {
		return
	}
	if err := m.Destroy(ctx); err != nil {
		s.Log.Error("end owner session", "err", err)
	}
	m.WriteSessionCookie(ctx, w, "", time.Time{})
}

// asResumed runs h as the staff member a resent form carries.
func asResumed(h func(w http.ResponseWriter, r *http.Request, who signedIn), w http.ResponseWriter, r *http.Request, who signedIn) {
	ctx := carepath.NewContext(r.Context(), carepath.Actor{ID: who.ID, Role: who.Role, Remote: httpserver.RemoteAddr(r)})
	h(w, r.WithContext(context.WithValue(ctx, signedInKey{}, who)), who)
}
