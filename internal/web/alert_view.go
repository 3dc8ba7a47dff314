package web

import (
	"cmp"
	"net/http"

	"github.com/carepath/carepath"
)

// alertShowView is the view model of one safety alert's page, the page the on-call email
// links to: what happened, how to reach the person, the protocol, who was paged and when, and
// the acknowledgement form (or who acknowledged it).
type alertShowView struct {
	page
	Who      signedIn
	Alert    *carepath.SafetyAlert
	Heading  string
	When     string
	Chart    string // the chart or the intake request to open
	Pages    []alertPageRow
	AckBy    string
	AckAt    string
	Note     string // what was typed, kept after a problem
	Error    string
	Conflict bool
	Notice   string
	// BackToAlert returns to this page after acknowledging (opened from the email's link);
	// otherwise the dashboard the form came from.
	BackToAlert bool
}

// alertPageRow is one message about the alert: to whom, how, and what became of it.
type alertPageRow struct {
	To, Tier, Channel, State, At string
}

// newAlertShowView builds the page of alert a.
func (s *Server) newAlertShowView(r *http.Request, who signedIn, a *carepath.SafetyAlert) alertShowView {
	zone := s.viewerZone(r)
	v := alertShowView{page: page{Title: "Safety alert"}, Who: who, Alert: a,
		Heading: cmp.Or(alertKindName[a.Kind], a.Kind), When: instantText(a.At, zone)}
	if a.ClientID != "" {
		v.Chart = "/staff/clients/" + a.ClientID
	} else {
		v.Chart = "/staff/intakes/" + a.IntakeID + "/convert"
	}
	ids := []string{a.AcknowledgedBy}
	for _, n := range a.Notifications {
		ids = append(ids, n.RecipientID)
	}
	names := s.staffNames(r, ids...)
	if a.AcknowledgedAt != nil {
		v.AckBy, v.AckAt = names[0], instantText(*a.AcknowledgedAt, zone)
	}
	for i, n := range a.Notifications {
		state := map[string]string{carepath.NotificationSent: "sent", carepath.NotificationPending: "due",
			carepath.NotificationCancelled: "not sent (" + n.CancelReason + ")", carepath.NotificationFailed: "failed"}[n.State]
		v.Pages = append(v.Pages, alertPageRow{To: names[i+1], Tier: n.Tier, Channel: n.Channel, State: state,
			At: n.At.In(zone).Format("2006-01-02 15:04:05 MST")})
	}
	return v
}
