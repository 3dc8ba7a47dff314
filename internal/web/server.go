// Package web serves carepath's HTML pages: the public decision aid now, the clinic's pages
// later. Templates and assets are embedded and parsed once at start-up.
package web

import (
	"context"
	"embed"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"
	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/api"
	"github.com/carepath/carepath/placement"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Server holds what the pages need. Ready reports whether the database is migrated and reachable.
type Server struct {
	Placement placement.Config
	Intakes   carepath.IntakeService
	Clients   carepath.ClientService
	API       *api.API
	Log       *slog.Logger
	Ready     func(ctx context.Context) error
	// Staff signs staff members in; SessionStore keeps their sessions (nil: in memory) and
	// SessionIdle ends a session after that long without a request (0: DefaultSessionIdle).
	Staff        carepath.StaffService
	SessionStore scs.Store
	SessionIdle  time.Duration

	// Assessments, Episodes, Programs and Audit feed the chart, the census and the audit log.
	Assessments carepath.AssessmentService
	Episodes    carepath.EpisodeService
	Programs    carepath.ProgramService
	Audit       carepath.AuditService
	// Plans, Consents and IntakeConverter feed the chart's plan and consent pages and the
	// intake queue.
	Plans           carepath.PlanService
	Consents        carepath.ConsentService
	IntakeConverter carepath.IntakeConverter
	// Notes feeds the clinical-note pages and the co-sign queue.
	Notes carepath.NoteService
	// Groups, Sessions and Attendance feed the program-delivery pages (attendance, the week,
	// dose, quality); CalendarFeeds keeps the calendar feeds and the public-scorecard opt-in.
	Groups        carepath.GroupService
	Sessions      carepath.SessionService
	Attendance    carepath.AttendanceService
	CalendarFeeds carepath.CalendarFeedService
	// SchedulePlans and Availability feed "Plan next week" and the availability grids.
	SchedulePlans carepath.SchedulePlanService
	Availability  carepath.AvailabilityService
	// Measures serves the public answer pages of measurement-based care (answer links).
	Measures carepath.MeasureService
	// Reviews feeds the chart's continued-stay reviews (step up, step down).
	Reviews carepath.ReviewService

	// Outcomes feeds the outcomes report by level of care.
	Outcomes carepath.OutcomeService

	pages      map[string]*template.Template
	scorecards *scorecardCache
	sess       *sessions
}

// New parses the templates and returns a server ready to build its handler.
func New(s Server) (*Server, error) {
	pages, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	s.pages = pages
	s.scorecards = &scorecardCache{}
	if s.Log == nil {
		s.Log = slog.Default()
	}
	return &s, nil
}

// Handler returns the whole HTTP handler: the one route table, wrapped in the middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.sess = newSessions(s.SessionStore, s.SessionIdle)
	static, _ := fs.Sub(staticFS, "static")
	mux.Handle("GET /static/", cacheStatic(http.StripPrefix("/static/", http.FileServerFS(static))))
	mux.HandleFunc("GET /healthz", s.health)
	mux.HandleFunc("GET /{$}", s.aidStart)
	mux.HandleFunc("POST /aid/questions", s.aidQuestions)
	mux.HandleFunc("GET /aid/questions", s.redirectHome)
	mux.HandleFunc("POST /aid/result", s.aidResult)
	mux.HandleFunc("GET /aid/result", s.redirectHome)
	mux.HandleFunc("POST /aid/intake", s.aidIntake)
	mux.HandleFunc("GET /aid/intake", s.redirectHome)
	mux.HandleFunc("GET /about", s.about)
	mux.Handle("GET /login", s.withSession(s.loginForm))
	mux.Handle("POST /login", s.withSession(s.login))
	mux.Handle("POST /logout", s.withSession(s.logout))
	mux.Handle("GET /staff", s.requireStaff(s.staffHome))
	mux.Handle("GET /staff/clients", s.requireStaff(s.clientList))
	mux.Handle("POST /staff/clients", s.requireStaff(s.clientList))
	mux.Handle("GET /staff/clients/{id}", s.requireStaff(s.clientChart))
	mux.Handle("GET /staff/clients/{id}/assess", s.requireStaff(s.chartAssessForm))
	mux.Handle("POST /staff/clients/{id}/assess", s.requireStaff(s.chartAssessSave))
	mux.Handle("GET /staff/audit", s.requireStaff(s.auditPage))
	mux.Handle("GET /staff/audit.csv", s.requireStaff(s.auditCSV))
	mux.Handle("GET /staff/programs", s.requireStaff(s.programList))
	mux.Handle("GET /staff/programs/{id}/census", s.requireStaff(s.censusPage))
	s.clientEditRoutes(mux)
	s.intakeQueueRoutes(mux)
	s.staffAdminRoutes(mux)
	s.planRoutes(mux)
	s.consentRoutes(mux)
	s.episodeRoutes(mux)
	s.deliveryRoutes(mux)
	s.noteRoutes(mux)
	s.planWeekRoutes(mux)
	s.programSettingsRoutes(mux)
	s.answerRoutes(mux)
	s.outcomesRoutes(mux)
	s.dashboardRoutes(mux)
	s.reviewRoutes(mux)
	s.measureScheduleRoutes(mux)
	if s.API != nil {
		s.API.Register(mux)
	}
	mux.HandleFunc("/", s.notFound)
	return s.middleware(mux)
}

// health answers 200 once the database is migrated and reachable, 503 otherwise.
func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if s.Ready != nil {
		if err := s.Ready(r.Context()); err != nil {
			s.Log.Error("health check failed", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("database not ready\n"))
			return
		}
	}
	_, _ = w.Write([]byte("ok\n"))
}

// redirectHome sends a GET of a form's target (a reload, a bookmark) back to the start, because
// answers are never put in URLs.
func (s *Server) redirectHome(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusNotFound, "error", errorView{page: page{Title: "Page not found"},
		Message: "There is no page at this address."})
}

func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}
