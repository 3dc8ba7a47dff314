package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
)

// readGroupForm reads the posted group form as typed, and the group it asks for. A capacity
// or length that is not a whole number is named in errs (by element id) and passed on as -1,
// which the service refuses too while it names every other field.
func readGroupForm(r *http.Request, errs map[string]string) (groupForm, carepath.GroupCreate) {
	get := func(name string) string { return strings.TrimSpace(r.PostForm.Get(name)) }
	f := groupForm{ProgramID: get("program_id"), Name: get("name"), Type: get("type"), Capacity: get("capacity"),
		StartTime: get("start_time"), Minutes: get("minutes"), StartDate: get("start_date"), EndDate: get("end_date"),
		Modality: get("modality"), Room: get("room"), MeetingLink: get("meeting_link"),
		Days: r.PostForm["days"], Facilitators: r.PostForm["facilitator_ids"]}
	in := carepath.GroupCreate{ProgramID: f.ProgramID, Name: f.Name, Type: f.Type, FacilitatorIDs: f.Facilitators, Days: f.Days,
		StartTime: f.StartTime, StartDate: f.StartDate, EndDate: f.EndDate, Modality: f.Modality, Room: f.Room, MeetingLink: f.MeetingLink}
	if f.Capacity != "" {
		n, err := strconv.Atoi(f.Capacity)
		if err != nil {
			errs["group-capacity"] = "Capacity is a whole number of clients, such as 10."
			n = -1 // refused by the service too, which names the other fields
		}
		in.Capacity = n
	}
	if f.Minutes != "" {
		n, err := strconv.Atoi(f.Minutes)
		if err != nil {
			errs["group-minutes"] = "The length is a whole number of minutes, such as 180."
			n = -1
		}
		in.Minutes = n
	}
	if f.ProgramID == "" {
		errs["group-program_id"] = "Please choose the program the group belongs to."
	}
	return f, in
}
