// Package fhir serves carepath's records as HL7 FHIR R4 (4.0.1) resources under /fhir/R4:
// read and search for each resource type in the table (resources.go), Patient/$everything,
// the import of a QuestionnaireResponse taken elsewhere, and the CapabilityStatement built
// from the same table. Every resource is mapped from carepath's own records when it is asked
// for; nothing is stored twice. Every read goes through carepath's services, so the access
// policy and the audit log apply as they do everywhere else.
package fhir

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/carepath/carepath"
)

// Prefix is the path the handler serves, without a trailing slash.
const Prefix = "/fhir/R4"

// The services the handler reads and writes through. The store's services implement each
// combination.
type (
	// ClientStore reads clients and searches them.
	ClientStore interface {
		carepath.ClientService
		carepath.ClientSearchService
	}
	// ProgramStore reads programs with their tracks, rates and staff.
	ProgramStore interface {
		carepath.ProgramService
		carepath.ProgramDetailsService
	}
	// EpisodeStore reads episodes of care by client and by id.
	EpisodeStore interface {
		carepath.EpisodeService
		carepath.EpisodeLookupService
	}
	// MeasureStore records measures and finds them by client, by id and by search.
	MeasureStore interface {
		carepath.MeasureService
		carepath.MeasureSearchService
	}
	// AttendanceStore reads attendance by occurrence and by client.
	AttendanceStore interface {
		carepath.AttendanceService
		carepath.AttendanceLookupService
	}
	// ConsentStore reads consents by client and by id.
	ConsentStore interface {
		carepath.ConsentService
		carepath.ConsentLookupService
	}
	// AuditStore reads the audit log (admins only).
	AuditStore interface {
		carepath.AccessLogService
		carepath.AccessLogLookupService
	}
)

// Services are the services the handler uses; every field is required.
type Services struct {
	Clients    ClientStore
	Staff      carepath.StaffService
	Programs   ProgramStore
	Episodes   EpisodeStore
	Measures   MeasureStore
	Plans      carepath.TreatmentPlanService
	Groups     carepath.GroupService
	Sessions   carepath.TherapySessionService
	Attendance AttendanceStore
	Consents   ConsentStore
	Diagnoses  carepath.DiagnosisService
	Coverages  carepath.CoverageService
	Audit      AuditStore
	// Disclosures is the disclosure gate $everything asks before releasing a record to an
	// outside party.
	Disclosures carepath.DisclosureService
}

// Options configure the handler; every field may be left zero.
type Options struct {
	// BaseURL is the absolute URL of /fhir/R4 as clients reach it, e.g.
	// https://clinic.example/fhir/R4, used in fullUrl and links. Empty: taken from each request.
	BaseURL string
	// OrganizationName names the clinic in its Organization resource (default "carepath").
	OrganizationName string
	// Zone is the time zone of dates given without one in searches (default UTC).
	Zone *time.Location
	// Version is carepath's version, shown in the CapabilityStatement.
	Version string
	// Log receives internal errors; never client data (default: slog.Default()).
	Log *slog.Logger
	// Now is the clock (default time.Now).
	Now func() time.Time
	// SignIn, when set, signs in a request that carries no actor: it returns a context that
	// carries one (the JSON API's bearer tokens), or EUNAUTHORIZED. Nil: the actor must already
	// be in the request's context.
	SignIn func(r *http.Request) (context.Context, error)
}

// Handler serves FHIR R4 under Prefix. It signs each request in with Options.SignIn, or
// expects the actor already in the request's context (carepath.NewContext); only /metadata
// answers without one.
type Handler struct {
	svc    Services
	opt    Options
	types  []*resourceType
	byName map[string]*resourceType
	mux    *http.ServeMux
}

// New returns the FHIR handler over svc.
func New(svc Services, opt Options) *Handler {
	if opt.OrganizationName == "" {
		opt.OrganizationName = "carepath"
	}
	if opt.Zone == nil {
		opt.Zone = time.UTC
	}
	if opt.Log == nil {
		opt.Log = slog.Default()
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	opt.BaseURL = strings.TrimRight(opt.BaseURL, "/")
	h := &Handler{svc: svc, opt: opt, byName: map[string]*resourceType{}}
	h.types = resourceTypes()
	for _, t := range h.types {
		h.byName[t.name] = t
	}
	h.mux = h.routes()
	return h
}

// ServeHTTP serves one FHIR request. The request's context collects the disclosures the
// store's gate makes for it (carepath.NewDisclosureContext), so that what is released to an
// outside party carries the 42 CFR Part 2 labels and notice.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !acceptable(r) {
		h.writeError(w, r, notAcceptable())
		return
	}
	ctx, _ := carepath.NewDisclosureContext(r.Context())
	h.mux.ServeHTTP(w, r.WithContext(ctx))
}
