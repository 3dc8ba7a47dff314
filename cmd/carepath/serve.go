package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/carepath/carepath/internal/api"
	"github.com/carepath/carepath/internal/store"
	"github.com/carepath/carepath/internal/web"
	"github.com/carepath/carepath/placement"
)

// runServe starts the web server: migrations first, then demo data when asked, then HTTP until
// SIGINT or SIGTERM.
func runServe(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", envOr("CAREPATH_ADDR", "localhost:8080"), "address to listen on (env CAREPATH_ADDR)")
	db := dbFlag(fs)
	demo := fs.Bool("demo", false, "seed demo data into an empty database")
	idle := fs.Duration("session-idle", envDuration("CAREPATH_SESSION_IDLE", web.DefaultSessionIdle), "end staff sessions after this long without a request (env CAREPATH_SESSION_IDLE)")
	logFormat := fs.String("log", envOr("CAREPATH_LOG", ""), "log format: text or json (default: text on a terminal, json otherwise; env CAREPATH_LOG)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	log := newLogger(stderr, *logFormat)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	st, closeDB, err := openStore(ctx, *db)
	if err != nil {
		log.Error("open database", "err", err)
		return 1
	}
	defer closeDB()
	if *demo {
		if _, err := seedDemo(ctx, st, stdout); err != nil {
			log.Error("seed demo data", "err", err)
			return 1
		}
	}
	srv, err := newServer(st, log)
	if err != nil {
		log.Error("start", "err", err)
		return 1
	}
	srv.SessionIdle = *idle
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Error("listen", "addr", *addr, "err", err)
		return 1
	}
	fmt.Fprintf(stdout, "carepath is running at http://%s/ (Ctrl-C stops it)\n", ln.Addr())
	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute, ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		log.Error("serve", "err", err)
		return 1
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Error("shutdown", "err", err)
		return 1
	}
	return 0
}

// newServer wires the web pages and the JSON API to the store.
func newServer(st *store.Store, log *slog.Logger) (*web.Server, error) {
	intakes, staff := store.NewIntakeService(st), store.NewStaffService(st)
	clients := store.NewClientService(st)
	assessments := store.NewAssessmentService(st)
	programs, episodes, audit := store.NewProgramService(st), store.NewEpisodeService(st), store.NewAuditService(st)
	plans, consents := store.NewPlanService(st), store.NewConsentService(st)
	notes, groups, sessions := store.NewNoteService(st), store.NewGroupService(st), store.NewSessionService(st)
	attendance, schedulePlans := store.NewAttendanceService(st), store.NewSchedulePlanService(st)
	availability, measures := store.NewAvailabilityService(st), store.NewMeasureService(st)
	reviews, outcomes := store.NewReviewService(st), store.NewOutcomeService(st)
	return web.New(web.Server{
		Placement:       placement.DefaultConfig,
		Intakes:         intakes,
		Clients:         clients,
		Assessments:     assessments,
		Episodes:        episodes,
		Programs:        programs,
		Audit:           audit,
		Staff:           staff,
		Plans:           plans,
		Consents:        consents,
		IntakeConverter: assessments,
		Notes:           notes,
		Groups:          groups,
		Sessions:        sessions,
		Attendance:      attendance,
		CalendarFeeds:   store.NewCalendarFeedService(st),
		Measures:        measures,
		Reviews:         reviews,
		Outcomes:        outcomes,
		SchedulePlans:   schedulePlans,
		Availability:    availability,
		SessionStore:    web.NewSQLSessionStore(st.WriteDB()),
		API: &api.API{Placement: placement.DefaultConfig, Log: log, Staff: staff, Intakes: intakes,
			Programs: programs, Episodes: episodes, Clients: clients, Audit: audit,
			Plans: plans, Consents: consents, Assessments: assessments, IntakeConverter: assessments,
			Notes: notes, Groups: groups, Sessions: sessions, Attendance: attendance,
			SchedulePlans: schedulePlans, Availability: availability,
			Measures: measures, MeasureAlerts: measures, Reviews: reviews, Outcomes: outcomes},
		Log:   log,
		Ready: st.Ping,
	})
}

// newLogger logs text on a terminal and JSON elsewhere, unless format says which.
func newLogger(w io.Writer, format string) *slog.Logger {
	if format == "" {
		format = "json"
		if f, ok := w.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
				format = "text"
			}
		}
	}
	if format == "text" {
		return slog.New(slog.NewTextHandler(w, nil))
	}
	return slog.New(slog.NewJSONHandler(w, nil))
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
