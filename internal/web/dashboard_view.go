package web

import (
	"cmp"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/carepath/carepath/access"
)

// alertRank orders the dashboard: the safety item first, then reliable deterioration, missed
// measures, a relapse, unexcused absences and a week below the program's minimum.
var alertRank = map[string]int{
	"safety_item9":           0,
	"safety_cssrs":           0,
	"crisis_intake":          0,
	"safety_plan_missing":    1,
	"withdrawal_evaluation":  1,
	"reliable_deterioration": 2,
	"missed_measures":        3,
	"relapse":                4,
	"unexcused_absences":     5,
	"below_minimum":          6,
	"auth_exhaustion":        7,
	"auth_expiry":            7,
	"auth_review":            7,
	"auth_recertification":   7,
}

// sameDayKinds are the alerts reviewed the same day, marked so on the dashboard.
var sameDayKinds = map[string]bool{"safety_item9": true, "safety_cssrs": true, "crisis_intake": true,
	"safety_plan_missing": true, "withdrawal_evaluation": true}

// alertKindName is how each kind of alert is headed on the dashboard.
var alertKindName = map[string]string{
	"safety_item9":           "PHQ-9 item 9 answered positively — same-day review",
	"safety_cssrs":           "Suicide-risk screen (C-SSRS) positive — same-day review",
	"crisis_intake":          "Crisis intake request — contact them today",
	"safety_plan_missing":    "In crisis without a current safety plan — write one today",
	"withdrawal_evaluation":  "Withdrawal rated moderate or worse — same-day medical evaluation",
	"reliable_deterioration": "Reliable deterioration",
	"missed_measures":        "Two or more missed measures",
	"relapse":                "Relapse reported",
	"unexcused_absences":     "Unexcused absences in a row",
	"below_minimum":          "Week below the program minimum",
	"auth_exhaustion":        "Authorized units running out",
	"auth_expiry":            "Authorization ending",
	"auth_review":            "Payer review coming",
	"auth_recertification":   "Physician certification for Medicare IOP",
}

// dashboardAlert is one alert on the dashboard. ID is set for measure alerts, which are
// acknowledged with a note; attendance alerts clear themselves.
type dashboardAlert struct {
	ID         string
	Kind       string
	Heading    string
	Rank       int
	ClientID   string
	ClientName string
	At         time.Time
	When       string
	Reason     string
	Protocol   string
	SameDay    bool
	Link       string // the page to act on it
	LinkText   string
	Note       string // what was typed, kept after a problem
	Error      string
}

// dashboardSection is the alerts part of the staff home page.
type dashboardSection struct {
	Clinical bool // the role sees clinical alerts
	Alerts   []dashboardAlert
	Urgent   int
	Problem  string
	Notice   string
}

// dashboard reads the signed-in staff member's open alerts (every client's for an admin),
// measure alerts and attendance alerts together, the most urgent first and then the newest.
func (s *Server) dashboard(r *http.Request, who signedIn, zone *time.Location) dashboardSection {
	sec := dashboardSection{Clinical: access.Allowed(who.Role, access.MeasureAlert, access.List)}
	if !sec.Clinical {
		return sec
	}
	if r.URL.Query().Get("ack") == "done" {
		sec.Notice = "Alert acknowledged. Your note is in the record."
	}
	var problems []string
	if ma := s.MeasureAlerts; ma != nil {
		list, err := ma.FindMeasureAlerts(r.Context(), false)
		if err != nil {
			s.Log.Error("dashboard measure alerts", "err", err)
			problems = append(problems, "measure alerts")
		}
		for _, a := range list {
			da := dashboardAlert{ID: a.ID, Kind: a.Kind, ClientID: a.ClientID, At: a.At,
				Reason: a.Reason, Protocol: a.Protocol, Link: "/staff/clients/" + a.ClientID + "#h-measures", LinkText: "Open the chart"}
			if sameDayKinds[a.Kind] {
				da.Link, da.LinkText = "/staff/alerts/"+a.ID, "Open the alert: how to reach them, who was paged"
			}
			sec.Alerts = append(sec.Alerts, da)
		}
	}
	if s.SafetyPlans != nil {
		list, err := s.SafetyPlans.FindSafetyPlanAlerts(r.Context())
		if err != nil {
			s.Log.Error("dashboard safety plan alerts", "err", err)
			problems = append(problems, "safety plan alerts")
		}
		for _, a := range list {
			sec.Alerts = append(sec.Alerts, dashboardAlert{Kind: a.Kind, ClientID: a.ClientID, At: a.At, Reason: a.Reason,
				Protocol: a.Protocol, Link: "/staff/clients/" + a.ClientID + "/safety-plan/edit", LinkText: "Write the safety plan with the client"})
		}
	}
	intakeNames := map[string]string{}
	if s.SafetyAlerts != nil {
		list, err := s.SafetyAlerts.FindCrisisIntakeAlerts(r.Context())
		if err != nil {
			s.Log.Error("dashboard crisis intakes", "err", err)
			problems = append(problems, "crisis intake requests")
		}
		for _, a := range list {
			intakeNames[a.ID] = a.Contact.Name
			sec.Alerts = append(sec.Alerts, dashboardAlert{ID: a.ID, Kind: a.Kind, At: a.At, Reason: a.Reason, Protocol: a.Protocol,
				Link: "/staff/alerts/" + a.ID, LinkText: "Open the alert: how to reach them, who was paged"})
		}
	}
	if s.Attendance != nil {
		list, err := s.Attendance.FindAlerts(r.Context())
		if err != nil {
			s.Log.Error("dashboard attendance alerts", "err", err)
			problems = append(problems, "attendance alerts")
		}
		for _, a := range list {
			sec.Alerts = append(sec.Alerts, dashboardAlert{Kind: a.Kind, ClientID: a.ClientID, At: a.At, Reason: a.Message,
				Link: "/staff/clients/" + a.ClientID + "/dose", LinkText: "Open the dose week by week"})
		}
	}
	if s.Authorizations != nil {
		if err := s.authorizationAlerts(r, &sec); err != nil {
			s.Log.Error("dashboard authorization alerts", "err", err)
			problems = append(problems, "authorization alerts")
		}
	}
	if len(problems) > 0 {
		sec.Problem = "The " + strings.Join(problems, " and ") + " could not be read just now. Please reload the page in a minute."
	}
	ids := make([]string, 0, len(sec.Alerts))
	for _, a := range sec.Alerts {
		ids = append(ids, a.ClientID)
	}
	names := s.clientNames(r, ids...)
	for i := range sec.Alerts {
		a := &sec.Alerts[i]
		a.Rank = alertRank[a.Kind]
		if _, ok := alertRank[a.Kind]; !ok {
			a.Rank = len(alertRank)
		}
		a.Heading = cmp.Or(alertKindName[a.Kind], a.Kind)
		a.SameDay = sameDayKinds[a.Kind]
		a.ClientName = cmp.Or(names[a.ClientID], "Client "+shortID(a.ClientID))
		if a.ClientID == "" {
			a.ClientName = cmp.Or(intakeNames[a.ID], "Intake request") + " (intake request)"
		}
		a.When = instantText(a.At, zone)
		if a.SameDay {
			sec.Urgent++
		}
	}
	slices.SortStableFunc(sec.Alerts, func(a, b dashboardAlert) int {
		return cmp.Or(cmp.Compare(a.Rank, b.Rank), b.At.Compare(a.At))
	})
	return sec
}

// staffHomeView is the view model of the staff home page, "Today".
type staffHomeView struct {
	page
	Who     signedIn
	Notice  string // a message left for the home page (a kept form that was discarded)
	Today   todaySection
	Intakes intakeCounts
	// Assigned is a payer reviewer's authorizations (dashboard_assigned_view.go).
	Assigned assignedSection
	// Dashboard holds the staff member's clinical alerts (dashboard_view.go).
	Dashboard dashboardSection
}
