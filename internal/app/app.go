// Package app wires carepath together, in one place: it builds every store service once
// (NewServices), hands the same set to the web pages and the JSON API, and returns the one
// http.Handler that serves them, the health check and the static assets, behind the
// middleware every response passes through. cmd/carepath parses flags and calls it; tests
// start a whole server with it through internal/app/apptest.
package app

import (
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/api"
	"github.com/carepath/carepath/internal/fhir"
	"github.com/carepath/carepath/internal/httpserver"
	"github.com/carepath/carepath/internal/notify"
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
	// DemoDomain is the email domain of the demo's accounts when serve --demo runs (see
	// web.Server.DemoDomain); empty otherwise.
	DemoDomain string
	// BaseURL is the one external address of carepath (https://care.example.org), the start
	// of every link it builds: calendar feeds, answer links, safety-plan links, emails. Empty:
	// the scheme the client used and the request's host; a link built without a request (the
	// outbox's emails) then starts with Outbox.BaseURL, which the caller sets to the address it
	// listens on.
	BaseURL string
	// TrustedProxies are the peers whose X-Forwarded-For and X-Forwarded-Proto are believed
	// (httpserver.Forwarded); from anyone else those headers are ignored.
	TrustedProxies httpserver.Proxies
	// SMTPURL (smtp://[user:pass@]host:port) and MailFrom configure email; empty: none is sent.
	SMTPURL  string
	MailFrom string
	// AlertWebhook, when set, receives a JSON POST for every safety-alert message.
	AlertWebhook string
	// EscalateAfter is how long a safety alert waits for an acknowledgement before the backup
	// on call is alerted (0: store.DefaultEscalateAfter).
	EscalateAfter time.Duration
	// OutboxPoll and OutboxLease tune the outbox worker (0: its defaults, see notify.Outbox).
	OutboxPoll, OutboxLease time.Duration
	// AuthorizationAlertsEvery is how often the worker queues the authorization and physician
	// certification alerts that came due (0: DefaultAuthorizationAlertsEvery); it also does
	// at start.
	AuthorizationAlertsEvery time.Duration
	// MailTLS, when set, is the TLS configuration of STARTTLS (tests trust their own server).
	MailTLS *tls.Config
	// WriteWait is how long a call that writes waits for the database's writer before it is
	// answered 503 with Retry-After (0: store.DefaultWriteWait).
	WriteWait time.Duration
}

// App is carepath's services, the handler built on them, and the server's worker: the outbox
// worker that sends safety, authorization and certification alert messages, and the sweep
// that queues the authorization and certification alerts that came due (run both with Run).
type App struct {
	Services carepath.Services
	Handler  http.Handler
	Outbox   *notify.Outbox
	alerts   alertSweep
	// Metrics are the server's Prometheus metrics: served at GET /metrics to an admin's API
	// token, and by Metrics.Handler to a listener of their own (serve --metrics-addr).
	Metrics *Metrics
	store   *store.Store
}

// Run runs the background work of the server (the alert sweep and the outbox worker) until
// ctx is done.
func (a *App) Run(ctx context.Context) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		a.alerts.Run(ctx)
	}()
	a.Outbox.Run(ctx)
	<-done
}

// FlushAudits waits until the audit queue has committed every row queued, or ctx ends (then
// it returns ctx's error). Call it once no request is in flight, before closing the database.
func (a *App) FlushAudits(ctx context.Context) error { return a.store.FlushAudits(ctx) }

// NewServices builds every service over st, once. A store type that implements several
// interfaces (the measure service also keeps measure alerts) fills each of their fields.
func NewServices(st *store.Store) carepath.Services {
	services, _ := newServices(st)
	return services
}

// newServices builds every service over st, once, and returns them as the set the pages and
// the JSON API use and as the set the FHIR handler uses (the same services, seen through the
// combined interfaces it needs).
func newServices(st *store.Store) (carepath.Services, fhir.Services) {
	assessments := store.NewAssessmentService(st)
	programs := store.NewProgramService(st)
	measures := store.NewMeasureService(st)
	staff := store.NewStaffService(st)
	accessLog := store.NewAccessLogService(st)
	clients := store.NewClientService(st)
	consents := store.NewConsentService(st)
	disclosures := store.NewDisclosureService(st)
	episodes := store.NewEpisodeService(st)
	plans := store.NewTreatmentPlanService(st)
	groups := store.NewGroupService(st)
	sessions := store.NewTherapySessionService(st)
	attendance := store.NewAttendanceService(st)
	diagnoses := store.NewDiagnosisService(st)
	coverages := store.NewCoverageService(st)
	services := carepath.Services{
		Staff:           staff,
		AccessLog:       accessLog,
		Intakes:         store.NewIntakeService(st),
		IntakeConverter: assessments,
		Clients:         clients,
		Consents:        consents,
		Disclosures:     disclosures,
		Assessments:     assessments,
		Programs:        programs,
		ProgramDetails:  programs,
		Episodes:        episodes,
		TreatmentPlans:  plans,
		Notes:           store.NewNoteService(st),
		Groups:          groups,
		TherapySessions: sessions,
		Attendance:      attendance,
		CalendarFeeds:   store.NewCalendarFeedService(st),
		SchedulePlans:   store.NewSchedulePlanService(st),
		Availability:    store.NewAvailabilityService(st),
		Measures:        measures,
		MeasureAlerts:   measures,
		Reviews:         store.NewReviewService(st),
		Outcomes:        store.NewOutcomeService(st),
		OnCall:          store.NewOnCallService(st),
		Notifications:   store.NewNotificationService(st),
		SafetyAlerts:    store.NewSafetyAlertService(st),
		SafetyPlans:     store.NewSafetyPlanService(st),
		Diagnoses:       diagnoses,
		Payers:          store.NewPayerService(st),
		Coverages:       coverages,
		Authorizations:  store.NewAuthorizationService(st),
		Certifications:  store.NewCertificationService(st),
		Charges:         store.NewChargeService(st),
		Claims:          store.NewClaimService(st),
		Estimates:       store.NewEstimateService(st),
	}
	return services, fhir.Services{Clients: clients, Staff: staff, Programs: programs, Episodes: episodes,
		Measures: measures, Plans: plans, Groups: groups, Sessions: sessions, Attendance: attendance,
		Consents: consents, Diagnoses: diagnoses, Coverages: coverages, Audit: accessLog, Disclosures: disclosures}
}

// New builds every service over st and the one handler: the web pages, the JSON API under
// /api/v1, FHIR R4 under /fhir/R4 (signed in with an API token or a staff member's sign-in
// session), GET /healthz and GET /metrics (to an admin's API token), behind
// httpserver.AuditGate (one audit commit per request, before its response), behind
// httpserver.Middleware, behind httpserver.Forwarded (which works out the real client and
// scheme first, so every log line and limiter sees them); and the outbox worker. A mail server
// or webhook that cannot be configured is an error, so that a
// server never starts believing it can page someone when it cannot.
func New(st *store.Store, cfg Config) (*App, error) {
	log := cfg.Log
	if log == nil {
		log = slog.Default()
	}
	st.SetLogger(log)
	st.SetWriteWait(cfg.WriteWait)
	st.SetAlerting(store.Alerting{EscalateAfter: cfg.EscalateAfter, Webhook: cfg.AlertWebhook != ""})
	services, fhirServices := newServices(st)
	outbox := &notify.Outbox{Store: services.Notifications, BaseURL: cfg.BaseURL, Log: log, Poll: cfg.OutboxPoll, Lease: cfg.OutboxLease}
	var sender notify.Sender = notify.LogSender{Log: log}
	if cfg.SMTPURL != "" {
		mail, err := notify.NewSMTP(cfg.SMTPURL, cfg.MailFrom)
		if err != nil {
			return nil, fmt.Errorf("mail: %w", err)
		}
		mail.TLS = cfg.MailTLS
		outbox.Mail, sender = mail, notify.MailSender{Mail: mail}
	} else {
		log.Warn("no mail server (--smtp-url): safety alerts and links are not emailed; alerts wait on the dashboard")
	}
	if cfg.AlertWebhook != "" {
		hook, err := notify.NewWebhook(cfg.AlertWebhook)
		if err != nil {
			return nil, fmt.Errorf("alert webhook: %w", err)
		}
		outbox.Webhook = hook
	}
	delivery := web.Delivery{Sender: sender, Email: outbox.Mail != nil}
	pages, err := web.New(web.Server{Services: services, Placement: placement.DefaultConfig, Log: log,
		SignInStore: store.NewSignInSessionStore(st), SignInIdle: cfg.SignInIdle, BaseURL: cfg.BaseURL, Delivery: delivery,
		DemoDomain: cfg.DemoDomain})
	if err != nil {
		return nil, err
	}
	jsonAPI := &api.API{Services: services, Placement: placement.DefaultConfig, Log: log, Sender: sender, BaseURL: cfg.BaseURL}

	metrics := newMetrics(st)
	fhirAPI := pages.WithStaffSession(fhir.New(fhirServices, fhir.Options{BaseURL: fhirBaseURL(cfg.BaseURL), Log: log, SignIn: jsonAPI.Authenticate}))
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", health(st, log))
	mux.Handle("GET /metrics", jsonAPI.AdminOnly(metrics.Handler()))
	jsonAPI.Register(mux)
	mux.Handle(fhir.Prefix, fhirAPI)
	mux.Handle(fhir.Prefix+"/", fhirAPI)
	pages.Register(mux)
	gated := httpserver.AuditGate(log, st.BeginAuditBatch, limitForms(pages, mux))
	handler := httpserver.Forwarded(cfg.TrustedProxies, httpserver.Middleware(log, metrics, gated))
	alerts := alertSweep{Authorizations: services.Authorizations, Certifications: services.Certifications,
		Every: cfg.AuthorizationAlertsEvery, Log: log}
	return &App{Services: services, Handler: handler, Outbox: outbox, alerts: alerts, Metrics: metrics, store: st}, nil
}

// fhirBaseURL is the address of /fhir/R4 under carepath's base URL, or "" (taken from each
// request) without one.
func fhirBaseURL(base string) string {
	if base == "" {
		return ""
	}
	return strings.TrimRight(base, "/") + fhir.Prefix
}

// limitForms applies the pages' limit on form bodies to everything but FHIR, whose resources
// the FHIR handler reads with its own limit and refuses as an OperationOutcome.
func limitForms(pages *web.Server, mux http.Handler) http.Handler {
	forms := pages.LimitForms(mux)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == fhir.Prefix || strings.HasPrefix(r.URL.Path, fhir.Prefix+"/") {
			mux.ServeHTTP(w, r)
			return
		}
		forms.ServeHTTP(w, r)
	})
}
