package web

import (
	"cmp"
	"errors"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// maxAckNote is the longest acknowledgement note the form accepts.
const maxAckNote = 2000

// alertAckView is the view model of the acknowledgement page shown after a problem: the alert
// with the note kept (400), or the news that someone acknowledged it first (409).
type alertAckView struct {
	page
	Who      signedIn
	Alert    dashboardAlert
	Conflict bool
	AckBy    string
	AckAt    string
	AckNote  string
	Summary  []errorLink
}

// alertAcknowledge records the note of a measure alert's acknowledgement and sends the browser
// back to the dashboard; an empty note (400) or an alert already acknowledged (409) shows the
// alert on its own page, with what was typed kept.
func (s *Server) alertAcknowledge(w http.ResponseWriter, r *http.Request, who signedIn) {
	ma := s.MeasureAlerts
	if !access.Allowed(who.Role, access.SafetyAlert, access.Acknowledge) || ma == nil {
		s.deny(w, r, alertErrors)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	_ = r.ParseForm()
	note := r.PostForm.Get("note")
	id := r.PathValue("id")
	msg := ""
	switch {
	case strings.TrimSpace(note) == "":
		msg = "Write a note saying what you did, for example who you contacted and the plan."
	case utf8.RuneCountInString(note) > maxAckNote:
		msg = "The note is too long: keep it under 2,000 characters."
	}
	// A safety alert (the care team's or one the actor was paged about) first: acknowledging
	// it stops the escalation. Any other measure alert (missed measures) below.
	if done := s.safetyAlertAcknowledge(w, r, who, id, note, msg); done {
		return
	}
	if !access.Allowed(who.Role, access.MeasureAlert, access.Acknowledge) {
		s.deny(w, r, alertErrors)
		return
	}
	var err error
	if msg == "" {
		if _, err = ma.AcknowledgeMeasureAlert(r.Context(), id, note); err == nil {
			http.Redirect(w, r, "/staff?ack=done#h-alerts", http.StatusSeeOther)
			return
		}
		var ce *carepath.Error
		switch {
		case isInvalid(err):
			msg = "Write a note saying what you did."
			if errors.As(err, &ce) {
				for _, f := range ce.Fields {
					if f.Field == "note" {
						msg = f.Message
					}
				}
			}
		case isConflict(err):
		default:
			s.fail(w, r, "acknowledge alert", err, pageErrors)
			return
		}
	}
	// Show the alert on its own page.
	list, lerr := ma.FindMeasureAlerts(r.Context(), true)
	if lerr != nil {
		s.fail(w, r, "find alert", lerr, pageErrors)
		return
	}
	var found *carepath.MeasureAlert
	for _, a := range list {
		if a.ID == id {
			found = a
		}
	}
	if found == nil {
		s.fail(w, r, "find alert", carepath.Errorf(carepath.ENOTFOUND, "alert not found"), pageErrors)
		return
	}
	names := s.clientNames(r, found.ClientID)
	v := alertAckView{page: page{Title: "Acknowledge an alert"}, Who: who,
		Alert: dashboardAlert{ID: found.ID, Kind: found.Kind, Heading: cmp.Or(alertKindName[found.Kind], found.Kind),
			ClientID: found.ClientID, ClientName: cmp.Or(names[found.ClientID], "Client "+shortID(found.ClientID)),
			At: found.At, When: instantText(found.At, s.viewerZone(r)), Reason: found.Reason, Protocol: found.Protocol,
			SameDay: sameDayKinds[found.Kind], Link: "/staff/clients/" + found.ClientID + "#h-measures", LinkText: "Open the chart",
			Note: note, Error: msg}}
	status := http.StatusBadRequest
	if isConflict(err) {
		status, v.Conflict, v.Alert.Error = http.StatusConflict, true, ""
		v.Title = "Alert already acknowledged"
		if found.AcknowledgedAt != nil {
			v.AckAt = atText(found.AcknowledgedAt, s.viewerZone(r))
		}
		v.AckBy = s.staffNames(r, found.AcknowledgedBy)[0]
		v.AckNote = found.Note
	} else {
		v.Summary = []errorLink{{"note-" + found.ID, "Note (note): " + msg}}
	}
	s.render(w, r, status, "alert_ack", v)
}

// safetyAlertAcknowledge acknowledges safety alert id with note (msg is the form's own
// problem with the note, if any) and answers the request, or returns false when there is no
// such safety alert the actor may see, for the measure alerts to try.
func (s *Server) safetyAlertAcknowledge(w http.ResponseWriter, r *http.Request, who signedIn, id, note, msg string) bool {
	a, err := s.SafetyAlerts.FindSafetyAlert(r.Context(), id)
	if isNotFound(err) {
		return false
	}
	if err != nil {
		s.fail(w, r, "safety alert", err, alertErrors)
		return true
	}
	conflict := false
	if msg == "" {
		_, err = s.SafetyAlerts.AcknowledgeSafetyAlert(r.Context(), id, note)
		switch {
		case err == nil:
			if r.PostForm.Get("back") == "alert" {
				http.Redirect(w, r, "/staff/alerts/"+id+"?ack=done", http.StatusSeeOther)
			} else {
				http.Redirect(w, r, "/staff?ack=done#h-alerts", http.StatusSeeOther)
			}
			return true
		case isConflict(err):
			conflict = true
			if a2, err := s.SafetyAlerts.FindSafetyAlert(r.Context(), id); err == nil {
				a = a2
			}
		case isInvalid(err):
			msg = "Write a note saying what you did."
			for _, f := range carepath.ErrorFields(err) {
				if f.Field == "note" {
					msg = f.Message
				}
			}
		default:
			s.fail(w, r, "acknowledge alert", err, alertErrors)
			return true
		}
	}
	v := s.newAlertShowView(r, who, a)
	v.Note, v.Error, v.Conflict, v.BackToAlert = note, msg, conflict, r.PostForm.Get("back") == "alert"
	status := http.StatusBadRequest
	if conflict {
		status, v.Error = http.StatusConflict, ""
	}
	s.render(w, r, status, "alert_show", v)
	return true
}
