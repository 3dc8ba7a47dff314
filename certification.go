package carepath

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Medicare's physician certification figures for the intensive outpatient program.
const (
	// CertificationMinHours and CertificationMaxHours are the hours of services a week an IOP
	// certification states: at least 9, and under 20 (20 or more is partial hospitalization).
	CertificationMinHours = 9
	CertificationMaxHours = 19
	// RecertifyEveryDays is how often a physician recertifies the need for IOP: at least every
	// 60 days after the last certification.
	RecertifyEveryDays = 60
	// RecertificationWarnDays is how many days before a recertification falls due the pages
	// warn about it.
	RecertificationWarnDays = 7
)

// Certification is a physician's signed certification, on an episode of care, that the client
// needs intensive outpatient services and how many hours a week: the initial one at admission,
// or a recertification. carepath records that the signed statement exists (who recorded it and
// when); the signed paper or document itself stays where the clinic keeps it. Medicare pays IOP
// only with these on file (billing.CheckMedicareIOP).
type Certification struct {
	ID              string    `json:"id"`
	EpisodeID       string    `json:"episode_id"`
	ClientID        string    `json:"client_id"`
	Date            string    `json:"date"`            // the day the physician signed it
	Recertification bool      `json:"recertification"` // false: the initial certification
	PhysicianName   string    `json:"physician_name"`
	PhysicianNPI    string    `json:"physician_npi"`
	HoursPerWeek    int       `json:"hours_per_week"`
	Plan            string    `json:"plan,omitempty"` // the plan or reason, in a few words
	RecordedBy      string    `json:"recorded_by"`
	RecordedAt      time.Time `json:"recorded_at"`
}

// CertificationInput is a certification to record.
type CertificationInput struct {
	Date            string `json:"date"`
	Recertification bool   `json:"recertification"`
	PhysicianName   string `json:"physician_name"`
	PhysicianNPI    string `json:"physician_npi"`
	HoursPerWeek    int    `json:"hours_per_week"`
	Plan            string `json:"plan,omitempty"`
}

// Validate trims in and checks its form; field errors name date, physician_name,
// physician_npi, hours_per_week and plan. The store checks what needs more than the input: a
// date after today, the NPI's check digit, a recertification with no initial certification
// before it.
func (in *CertificationInput) Validate() error {
	var errs FieldErrors
	checkDate(&errs, "date", &in.Date)
	in.PhysicianName = strings.Join(strings.Fields(in.PhysicianName), " ")
	switch {
	case in.PhysicianName == "":
		errs.Add("physician_name", "required", "Please give the name of the physician who signed it.")
	case utf8.RuneCountInString(in.PhysicianName) > 100:
		errs.Add("physician_name", "too_long", "Please keep the name under 100 characters.")
	}
	in.PhysicianNPI = strings.TrimSpace(in.PhysicianNPI)
	if in.PhysicianNPI == "" {
		errs.Add("physician_npi", "required", "Please give the physician's NPI (10 digits).")
	}
	if in.HoursPerWeek < 1 || in.HoursPerWeek > 40 {
		errs.Add("hours_per_week", "range", "Please give the hours a week certified, from 1 to 40 (an IOP certification states 9 to 19).")
	}
	in.Plan = strings.TrimSpace(in.Plan)
	if utf8.RuneCountInString(in.Plan) > 500 {
		errs.Add("plan", "too_long", "Please keep the plan or reason under 500 characters.")
	}
	return errs.Err()
}

// HoursOutsideIOP reports whether c states hours a week outside the IOP range (9 to 19): Medicare
// does not pay IOP on such a certification, which the pages say as a warning.
func (c *Certification) HoursOutsideIOP() bool {
	return c.HoursPerWeek < CertificationMinHours || c.HoursPerWeek > CertificationMaxHours
}

// RecertificationDue returns the date by which the next recertification is due: 60 days after
// the latest certification in certs, "" when there is none.
func RecertificationDue(certs []*Certification) string {
	last := ""
	for _, c := range certs {
		if c.Date > last {
			last = c.Date
		}
	}
	if last == "" {
		return ""
	}
	d, err := time.Parse(DateLayout, last)
	if err != nil {
		return ""
	}
	return d.AddDate(0, 0, RecertifyEveryDays).Format(DateLayout)
}

// CertificationService keeps the physician certifications of episodes.
type CertificationService interface {
	// AddCertification records a certification on the episode. EINVALID names the fields
	// (date in the future, physician_npi without a valid check digit, hours_per_week outside
	// 1–40, recertification with no initial certification on or before its date);
	// ENOTFOUND when the episode is not there or its client is not the actor's to see.
	AddCertification(ctx context.Context, episodeID string, in CertificationInput) (*Certification, error)
	// FindCertifications lists the episode's certifications by date, with the codes of
	// AddCertification.
	FindCertifications(ctx context.Context, episodeID string) ([]*Certification, error)
	// FindCertificationAlerts lists, for the clients the actor sees, the open IOP episodes of
	// clients with Medicare coverage whose physician certification is missing, or whose
	// recertification is overdue or due within RecertificationWarnDays of today; soonest
	// first, missing ones first of all.
	FindCertificationAlerts(ctx context.Context) ([]*CertificationAlert, error)
	// QueueCertificationAlerts puts in the notification outbox every certification alert not
	// queued before (an episode, a kind, a due date: each is sent once), for the client's
	// primary clinician and case manager, and returns how many messages it queued. The
	// messages say the kind of alert and the due date and link to the episode, naming no
	// client. EFORBIDDEN for everyone but the system.
	QueueCertificationAlerts(ctx context.Context) (int, error)
}

// The kinds of certification alert.
const (
	CertificationMissing = "missing"  // no physician certification is on file
	CertificationDueSoon = "due_soon" // the recertification is due within RecertificationWarnDays
	CertificationOverdue = "overdue"  // the recertification's due date has passed
)

// CertificationAlert is an open Medicare IOP episode that needs a physician's certification:
// none is on file (Kind missing, Due empty), or the next recertification is due on Due (Kind
// due_soon, or overdue once it has passed, DaysOverdue days ago).
type CertificationAlert struct {
	EpisodeID   string `json:"episode_id"`
	ClientID    string `json:"client_id"`
	Kind        string `json:"kind"`
	Due         string `json:"due,omitempty"`
	Overdue     bool   `json:"overdue"`
	DaysOverdue int    `json:"days_overdue"`
	Message     string `json:"message"`
}
