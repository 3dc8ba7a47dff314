package web

import (
	"cmp"
	"net/http"
	"slices"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// acknowledgedAlert is one row of the acknowledged-alerts page.
type acknowledgedAlert struct {
	Heading    string
	SameDay    bool
	ClientID   string
	ClientName string
	Raised     string
	Reason     string
	AckAt      string
	AckBy      string
	Note       string
}

// alertsAcknowledgedView is the view model of the acknowledged-alerts page.
type alertsAcknowledgedView struct {
	page
	Who    signedIn
	Admin  bool
	Alerts []acknowledgedAlert
}

// alertList lists the measure alerts already acknowledged, newest acknowledgement
// first: who acknowledged each, when, and their note, for the signed-in staff member's
// clients (every client's for an admin).
func (s *Server) alertList(w http.ResponseWriter, r *http.Request, who signedIn) {
	ma := s.MeasureAlerts
	if !access.Allowed(who.Role, access.MeasureAlert, access.List) || ma == nil {
		s.deny(w, r, alertErrors)
		return
	}
	list, err := ma.FindMeasureAlerts(r.Context(), true)
	if err != nil {
		s.fail(w, r, "acknowledged alerts", err, pageErrors)
		return
	}
	var acked []*carepath.MeasureAlert
	var clients, staff []string
	for _, a := range list {
		if a.AcknowledgedAt != nil {
			acked = append(acked, a)
			clients = append(clients, a.ClientID)
			staff = append(staff, a.AcknowledgedBy)
		}
	}
	slices.SortStableFunc(acked, func(a, b *carepath.MeasureAlert) int {
		return cmp.Or(b.AcknowledgedAt.Compare(*a.AcknowledgedAt), b.At.Compare(a.At))
	})
	names := s.clientNames(r, clients...)
	byName := map[string]string{}
	if len(staff) > 0 {
		for i, n := range s.staffNames(r, staff...) {
			byName[staff[i]] = n
		}
	}
	zone := s.viewerZone(r)
	v := alertsAcknowledgedView{page: page{Title: "Acknowledged alerts", Zone: zone}, Who: who, Admin: access.Oversees(who.Role)}
	for _, a := range acked {
		v.Alerts = append(v.Alerts, acknowledgedAlert{Heading: cmp.Or(alertKindName[a.Kind], a.Kind), SameDay: sameDayKinds[a.Kind],
			ClientID: a.ClientID, ClientName: cmp.Or(names[a.ClientID], "Client "+shortID(a.ClientID)),
			Raised: instantText(a.At, zone), Reason: a.Reason,
			AckAt: atText(a.AcknowledgedAt, zone), AckBy: cmp.Or(byName[a.AcknowledgedBy], "Staff "+shortID(a.AcknowledgedBy)), Note: a.Note})
	}
	s.render(w, r, http.StatusOK, "alerts_acknowledged", v)
}
