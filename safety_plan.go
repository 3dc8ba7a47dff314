package carepath

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// SafetyPlan is a client's safety plan in the six steps of the Stanley–Brown Safety Planning
// Intervention, written with the client: the warning signs that a crisis may be coming; what
// they can do on their own to cope; people and social places that take their mind off things;
// people they can ask for help; professionals and agencies to contact in a crisis (the 988
// Suicide & Crisis Lifeline and 911 are always part of it); and how to make the environment
// safe, lethal means first. Each save is a new version; earlier versions stay readable.
type SafetyPlan struct {
	ID                string              `json:"id"`
	ClientID          string              `json:"client_id"`
	Version           int                 `json:"version"`
	WarningSigns      []string            `json:"warning_signs"`
	CopingStrategies  []string            `json:"coping_strategies"`
	DistractionPeople []SafetyContactLine `json:"distraction_people"`
	DistractionPlaces []string            `json:"distraction_places"`
	HelpContacts      []SafetyContactLine `json:"help_contacts"`
	Professionals     []SafetyContactLine `json:"professionals"`
	SafeEnvironment   []string            `json:"safe_environment"`
	ReasonForLiving   string              `json:"reason_for_living,omitempty"`
	WrittenWithClient bool                `json:"written_with_client"`
	CreatedBy         string              `json:"created_by"`
	CreatedAt         time.Time           `json:"created_at"`
}

// SafetyContactLine is a person, place or service on a safety plan, with a phone number when
// there is one.
type SafetyContactLine struct {
	Name  string `json:"name"`
	Phone string `json:"phone,omitempty"`
}

// CrisisLines are the contacts every safety plan shows in step 5, whatever the plan lists.
var CrisisLines = []SafetyContactLine{
	{Name: "988 Suicide & Crisis Lifeline (call or text, 24/7)", Phone: "988"},
	{Name: "Emergency services", Phone: "911"},
}

// The limits of a safety plan's text.
const (
	MaxSafetyPlanLines = 12  // entries per step
	MaxSafetyPlanLine  = 300 // characters per entry
)

// SafetyPlanInput is one save of a client's plan. BaseVersion is the version it was based on
// (0 for the first); a stale one is ECONFLICT, so two people writing at once never lose a
// version silently.
type SafetyPlanInput struct {
	BaseVersion       int                 `json:"base_version"`
	WarningSigns      []string            `json:"warning_signs"`
	CopingStrategies  []string            `json:"coping_strategies"`
	DistractionPeople []SafetyContactLine `json:"distraction_people"`
	DistractionPlaces []string            `json:"distraction_places"`
	HelpContacts      []SafetyContactLine `json:"help_contacts"`
	Professionals     []SafetyContactLine `json:"professionals"`
	SafeEnvironment   []string            `json:"safe_environment"`
	ReasonForLiving   string              `json:"reason_for_living,omitempty"`
	WrittenWithClient bool                `json:"written_with_client"`
}

// Validate trims in, drops empty entries and checks it. A plan needs at least one warning
// sign, one coping strategy, one person or service to ask for help (steps 4 or 5) and one step
// for a safe environment, and it is written with the client. Field errors name base_version,
// warning_signs, coping_strategies, help_contacts, safe_environment, written_with_client and
// each entry (warning_signs[i], help_contacts[i].phone, …).
func (in *SafetyPlanInput) Validate() error {
	var errs FieldErrors
	if in.BaseVersion < 0 {
		errs.Add("base_version", "range", "Please give the version you started from (0 for a first plan).")
	}
	in.WarningSigns = cleanLines(&errs, "warning_signs", in.WarningSigns)
	in.CopingStrategies = cleanLines(&errs, "coping_strategies", in.CopingStrategies)
	in.DistractionPlaces = cleanLines(&errs, "distraction_places", in.DistractionPlaces)
	in.SafeEnvironment = cleanLines(&errs, "safe_environment", in.SafeEnvironment)
	in.DistractionPeople = cleanContacts(&errs, "distraction_people", in.DistractionPeople)
	in.HelpContacts = cleanContacts(&errs, "help_contacts", in.HelpContacts)
	in.Professionals = cleanContacts(&errs, "professionals", in.Professionals)
	in.ReasonForLiving = strings.TrimSpace(in.ReasonForLiving)
	if utf8.RuneCountInString(in.ReasonForLiving) > 2*MaxSafetyPlanLine {
		errs.Add("reason_for_living", "too_long", "Please keep this under %d characters.", 2*MaxSafetyPlanLine)
	}
	if len(in.WarningSigns) == 0 {
		errs.Add("warning_signs", "required", "Write at least one warning sign, in the client's own words.")
	}
	if len(in.CopingStrategies) == 0 {
		errs.Add("coping_strategies", "required", "Write at least one thing the client can do on their own to cope.")
	}
	if len(in.HelpContacts) == 0 && len(in.Professionals) == 0 {
		errs.Add("help_contacts", "required", "Name at least one person or professional the client can ask for help (988 is always on the plan as well).")
	}
	if len(in.SafeEnvironment) == 0 {
		errs.Add("safe_environment", "required", "Write at least one step to make the environment safe, lethal means first.")
	}
	if !in.WrittenWithClient {
		errs.Add("written_with_client", "required", "A safety plan is written with the client: confirm that it was.")
	}
	return errs.Err()
}

func cleanLines(errs *FieldErrors, field string, lines []string) []string {
	out := []string{}
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	for i, l := range out {
		if utf8.RuneCountInString(l) > MaxSafetyPlanLine {
			errs.Add(fmt.Sprintf("%s[%d]", field, i), "too_long", "Please keep each entry under %d characters.", MaxSafetyPlanLine)
		}
	}
	if len(out) > MaxSafetyPlanLines {
		errs.Add(field, "too_many", "Please keep to %d entries or fewer.", MaxSafetyPlanLines)
	}
	return out
}

func cleanContacts(errs *FieldErrors, field string, cs []SafetyContactLine) []SafetyContactLine {
	out := []SafetyContactLine{}
	for _, c := range cs {
		c.Name, c.Phone = strings.TrimSpace(c.Name), strings.TrimSpace(c.Phone)
		if c.Name != "" || c.Phone != "" {
			out = append(out, c)
		}
	}
	for i := range out {
		c := &out[i]
		f := fmt.Sprintf("%s[%d]", field, i)
		switch {
		case c.Name == "":
			errs.Add(f+".name", "required", "Please name the person, place or service.")
		case utf8.RuneCountInString(c.Name) > MaxSafetyPlanLine:
			errs.Add(f+".name", "too_long", "Please keep each entry under %d characters.", MaxSafetyPlanLine)
		}
		if c.Phone != "" && !validPhone(c.Phone) && c.Phone != "988" && c.Phone != "911" {
			errs.Add(f+".phone", "format", "Please give a phone number with 7 to 15 digits (or 988).")
		}
	}
	if len(out) > MaxSafetyPlanLines {
		errs.Add(field, "too_many", "Please keep to %d entries or fewer.", MaxSafetyPlanLines)
	}
	return out
}

// SafetyPlanVersion is one version in a plan's history.
type SafetyPlanVersion struct {
	Version   int       `json:"version"`
	CreatedBy string    `json:"created_by"`
	CreatedAt time.Time `json:"created_at"`
}

// SafetyPlanLink is a link that shows a client their current safety plan on a phone, without
// signing in. Unlike an answer link it opens as often as needed until it expires (a plan is
// for the moments it is needed, again and again) or is revoked. Only a hash of its token is
// stored; the token exists only in the message or on the screen that hands it over.
type SafetyPlanLink struct {
	ID        string    `json:"id"`
	ClientID  string    `json:"client_id,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// SafetyPlanLinkTTL is how long a safety plan link works.
const SafetyPlanLinkTTL = 30 * 24 * time.Hour

// SafetyPlanService keeps clients' safety plans.
type SafetyPlanService interface {
	// SaveSafetyPlan stores a new version of the client's plan. EINVALID names the fields;
	// ECONFLICT when in.BaseVersion is not the latest version; ENOTFOUND for a client the actor
	// may not see; EFORBIDDEN.
	SaveSafetyPlan(ctx context.Context, clientID string, in SafetyPlanInput) (*SafetyPlan, error)
	// FindSafetyPlan returns the client's plan at version, or the latest when version is 0.
	// ENOTFOUND when there is none; EFORBIDDEN.
	FindSafetyPlan(ctx context.Context, clientID string, version int) (*SafetyPlan, error)
	// FindSafetyPlanVersions lists the versions of the client's plan, newest first (empty when
	// there is none). ENOTFOUND for a client the actor may not see; EFORBIDDEN.
	FindSafetyPlanVersions(ctx context.Context, clientID string) ([]SafetyPlanVersion, error)
	// CreateSafetyPlanLink makes a link to the client's current plan and returns it with its
	// token (to be sent or shown once, never stored or logged). ENOTFOUND when the client has
	// no plan yet or may not be seen; EFORBIDDEN.
	CreateSafetyPlanLink(ctx context.Context, clientID string) (*SafetyPlanLink, string, error)
	// OpenSafetyPlanLink returns the current plan of the link's client. Anyone may ask: the
	// token decides. ENOTFOUND alike for an unknown, expired or revoked token.
	OpenSafetyPlanLink(ctx context.Context, token string) (*SafetyPlan, error)
	// FindSafetyPlanAlerts lists, for the clients the actor may see, those with a crisis flag
	// or a safety alert in the last 30 days and no safety plan saved since: one alert each
	// (kind safety_plan_missing, computed when read).
	FindSafetyPlanAlerts(ctx context.Context) ([]*MeasureAlert, error)
}
