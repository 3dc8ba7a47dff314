// Package web serves carepath's HTML pages: the public decision aid, the answer links and
// the clinic's staff pages. routes.go is the one route table (and says how files are named);
// templates and assets are embedded and parsed once at start-up.
package web

import (
	"embed"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/notify"
	"github.com/carepath/carepath/internal/ratelimit"
	"github.com/carepath/carepath/placement"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Server holds what the pages need: the services (internal/app builds them once), the
// placement rules, the log, and the sign-in sessions: SignInStore keeps them (nil: in memory)
// and SignInIdle ends one after that long without a request (0: DefaultSignInIdle).
type Server struct {
	carepath.Services
	Placement   placement.Config
	Log         *slog.Logger
	SignInStore scs.Store
	SignInIdle  time.Duration
	// BaseURL is the external address links start with (calendar feeds, answer and
	// safety-plan links); empty: the scheme the client used and the request's host
	// (httpserver.ExternalURL).
	BaseURL string
	// Delivery is how links reach clients: the sender and whether a mail server is configured.
	Delivery Delivery
	// DemoDomain, set only by serve --demo, is the email domain of the demo's own accounts: an
	// admin account at that domain may work without an authenticator app, under a banner on
	// every staff page (totp_gate.go). Empty: every admin must use one.
	DemoDomain string

	pages      map[string]*template.Template
	scorecards *scorecardCache
	signIn     *signInSessions
	// answerLimits is the rate limit of the public answer pages: 20 requests at once per
	// address, then one every 3 seconds.
	answerLimits *ratelimit.Limiter
	// intakeLimits is the rate limit of the public intake form (each request stores an intake
	// and an audit row): 5 at once per address, then one every 2 minutes.
	intakeLimits *ratelimit.Limiter
	// publicLimits is the rate limit of the other anonymous pages that write audit rows
	// (calendar feeds, scorecards): 30 at once per address, then one every 2 seconds.
	publicLimits *ratelimit.Limiter
	// zones keeps the clinic's time zone (zones.go).
	zones *clinicZoneCache
	// mux is the route table Register filled: a form kept over an expired sign-in is sent
	// through it again once the person signs in (sign_in.go).
	mux *http.ServeMux
}

// Delivery is how the pages send links to clients. Sender nil logs them only (no mail server).
// The links start with Server.BaseURL.
type Delivery struct {
	Sender notify.Sender
	Email  bool // a mail server is configured
}

// New parses the templates and returns a server ready to register its routes.
func New(s Server) (*Server, error) {
	pages, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	s.pages = pages
	s.scorecards = &scorecardCache{}
	s.zones = &clinicZoneCache{}
	s.signIn = newSignInSessions(s.SignInStore, s.SignInIdle)
	s.answerLimits = ratelimit.New(20, 3*time.Second)
	s.intakeLimits = ratelimit.New(5, 2*time.Minute)
	s.publicLimits = ratelimit.New(30, 2*time.Second)
	if s.Log == nil {
		s.Log = slog.Default()
	}
	if s.Delivery.Sender == nil {
		s.Delivery.Sender = notify.LogSender{Log: s.Log}
	}
	return &s, nil
}

// redirectHome sends a GET of a form's target (a reload, a bookmark) back to the start, because
// answers are never put in URLs.
func (s *Server) redirectHome(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// notFound is the page of an address no route serves.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusNotFound, "error", errorView{page: page{Title: "Page not found"},
		Message: "There is no page at this address."})
}

// cacheStatic lets browsers keep the embedded assets for an hour.
func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}

// MaxFormBytes is the largest form body a page accepts: far more than any form of carepath
// needs (a long note is a few KiB), small enough that nobody can make the server read
// megabytes.
const MaxFormBytes = 64 << 10

// MaxRemittanceBytes is the largest body the 835 upload page accepts: a remittance of a few
// thousand claims, with the form around it.
const MaxRemittanceBytes = 5 << 20

// remittancePath is where the 835 upload form posts.
const remittancePath = "/staff/remittances"

// LimitForms wraps the pages (everything outside /api/, which limits its own bodies): a body
// that says it is larger than its form's limit (MaxFormBytes; MaxRemittanceBytes for the 835
// upload) is answered 413 with a page saying so before it is read, and any other body is cut
// off at the limit (reading past it fails, and the form is refused as unreadable).
func (s *Server) LimitForms(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody || strings.HasPrefix(r.URL.Path, "/api/") {
			next.ServeHTTP(w, r)
			return
		}
		limit, message := int64(MaxFormBytes), "What you sent is larger than this form accepts (64 KB). Nothing was saved. Please shorten the text and try again."
		if r.URL.Path == remittancePath {
			limit, message = MaxRemittanceBytes, "The remittance file is larger than this page accepts (5 MB). Nothing was posted. "+
				"Please ask the payer or clearinghouse for the remittance in smaller files, or send it through the API."
		}
		if r.ContentLength > limit {
			w.Header().Set("Connection", "close")
			s.render(w, r, http.StatusRequestEntityTooLarge, "error", errorView{page: page{Title: "Too much to send"}, Message: message})
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}
