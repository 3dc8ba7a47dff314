// Package app wires carepath together, in one place: it builds every store service once
// (NewServices), hands the same set to the web pages and the JSON API, and returns the one
// http.Handler that serves them, the health check and the static assets, behind the
// middleware every response passes through. cmd/carepath parses flags and calls it; tests
// start a whole server with it through internal/app/apptest.
package app

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/api"
	"github.com/carepath/carepath/internal/httpserver"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/web"
	"github.com/carepath/carepath/placement"
)

// Config is what the handler takes besides the store.
type Config struct {
	Log *slog.Logger // nil: slog.Default()
	// SignInIdle ends a staff member's sign-in session after that long without a request
	// (0: web.DefaultSignInIdle).
	SignInIdle time.Duration
	// BaseURL is the one external address of carepath (https://care.example.org), the start
	// of every link it builds: calendar feeds, answer links, emails. Empty: the scheme the
	// client used and the request's host.
	BaseURL string
	// TrustedProxies are the peers whose X-Forwarded-For and X-Forwarded-Proto are believed
	// (httpserver.Forwarded); from anyone else those headers are ignored.
	TrustedProxies httpserver.Proxies
}

// App is carepath's services and the handler built on them.
type App struct {
	Services carepath.Services
	Handler  http.Handler
}

// NewServices builds every service over st, once. A store type that implements several
// interfaces (the measure service also keeps measure alerts) fills each of their fields.
func NewServices(st *store.Store) carepath.Services {
	assessments := store.NewAssessmentService(st)
	programs := store.NewProgramService(st)
	measures := store.NewMeasureService(st)
	return carepath.Services{
		Staff:           store.NewStaffService(st),
		AccessLog:       store.NewAccessLogService(st),
		Intakes:         store.NewIntakeService(st),
		IntakeConverter: assessments,
		Clients:         store.NewClientService(st),
		Consents:        store.NewConsentService(st),
		Disclosures:     store.NewDisclosureService(st),
		Assessments:     assessments,
		Programs:        programs,
		ProgramDetails:  programs,
		Episodes:        store.NewEpisodeService(st),
		TreatmentPlans:  store.NewTreatmentPlanService(st),
		Notes:           store.NewNoteService(st),
		Groups:          store.NewGroupService(st),
		TherapySessions: store.NewTherapySessionService(st),
		Attendance:      store.NewAttendanceService(st),
		CalendarFeeds:   store.NewCalendarFeedService(st),
		SchedulePlans:   store.NewSchedulePlanService(st),
		Availability:    store.NewAvailabilityService(st),
		Measures:        measures,
		MeasureAlerts:   measures,
		Reviews:         store.NewReviewService(st),
		Outcomes:        store.NewOutcomeService(st),
	}
}

// New builds every service over st and the one handler: the web pages, the JSON API under
// /api/v1 and GET /healthz, behind httpserver.Middleware, behind httpserver.Forwarded (which
// works out the real client and scheme first, so every log line and limiter sees them).
func New(st *store.Store, cfg Config) (*App, error) {
	log := cfg.Log
	if log == nil {
		log = slog.Default()
	}
	services := NewServices(st)
	pages, err := web.New(web.Server{Services: services, Placement: placement.DefaultConfig, Log: log,
		SignInStore: store.NewSignInSessionStore(st), SignInIdle: cfg.SignInIdle, BaseURL: cfg.BaseURL})
	if err != nil {
		return nil, err
	}
	jsonAPI := &api.API{Services: services, Placement: placement.DefaultConfig, Log: log, BaseURL: cfg.BaseURL}

	mux := http.NewServeMux()
	mux.Handle("GET /healthz", health(st, log))
	jsonAPI.Register(mux)
	pages.Register(mux)
	return &App{Services: services, Handler: httpserver.Forwarded(cfg.TrustedProxies, httpserver.Middleware(log, pages.LimitForms(mux)))}, nil
}
