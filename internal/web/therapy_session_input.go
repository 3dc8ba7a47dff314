package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
)

// readSessionForm reads the posted booking form as typed, and the booking it asks for: a
// one-off on Date, or weekly on Days from StartDate. What the form itself can tell is missing
// or not a number is named in errs (by element id); the service checks the rest.
func readSessionForm(r *http.Request, errs map[string]string) (sessionForm, carepath.TherapySessionCreate) {
	get := func(name string) string { return strings.TrimSpace(r.PostForm.Get(name)) }
	f := sessionForm{ProgramID: get("program_id"), Kind: get("kind"), ClientID: get("client_id"), ClinicianID: get("clinician_id"),
		Repeat: get("repeat"), Date: get("date"), StartTime: get("start_time"), Minutes: get("minutes"), StartDate: get("start_date"),
		EndDate: get("end_date"), Modality: get("modality"), Room: get("room"), MeetingLink: get("meeting_link"), Days: r.PostForm["days"]}
	in := carepath.TherapySessionCreate{ProgramID: f.ProgramID, Kind: f.Kind, ClientID: f.ClientID, ClinicianID: f.ClinicianID,
		StartTime: f.StartTime, Modality: f.Modality, Room: f.Room, MeetingLink: f.MeetingLink}
	if f.Repeat == "weekly" {
		in.Days, in.StartDate, in.EndDate = f.Days, f.StartDate, f.EndDate
		if len(f.Days) == 0 {
			errs["session-days"] = "Please choose the days of the week it meets."
		}
		if f.StartDate == "" {
			errs["session-start_date"] = "Please give the date of the first week."
		}
	} else {
		in.Date = f.Date
		if f.Date == "" {
			errs["session-date"] = "Please give the date of the session."
		}
	}
	if f.Minutes != "" {
		n, err := strconv.Atoi(f.Minutes)
		if err != nil {
			errs["session-minutes"] = "The length is a whole number of minutes, such as 50."
		}
		in.Minutes = n
	}
	for name, msg := range map[string]string{"program_id": "Please choose the program.", "kind": "Please choose the kind of session.",
		"client_id": "Please choose the client.", "clinician_id": "Please choose the clinician."} {
		if get(name) == "" {
			errs["session-"+name] = msg
		}
	}
	return f, in
}
