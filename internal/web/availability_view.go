package web

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/carepath/carepath"
)

// availHour is one checkbox of the availability grid.
type availHour struct {
	ID, Slot, Label string
	Checked         bool
}

// availDay is one day of the grid: a fieldset with its legend.
type availDay struct {
	Day, Name string
	Hours     []availHour
}

// dayNames names the grid's days.
var dayLongNames = map[string]string{"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday",
	"fri": "Friday", "sat": "Saturday", "sun": "Sunday"}

// availabilityGrid builds the grid with the checked slots.
func availabilityGrid(checked []string) []availDay {
	days := make([]availDay, 0, len(carepath.SlotDays))
	for _, d := range carepath.SlotDays {
		day := availDay{Day: d, Name: dayLongNames[d]}
		for _, h := range carepath.SlotHours {
			slot := carepath.SlotID(d, h)
			day.Hours = append(day.Hours, availHour{ID: "avail-" + slot, Slot: slot,
				Label: fmt.Sprintf("%02d:00–%02d:00", h, h+1), Checked: slices.Contains(checked, slot)})
		}
		days = append(days, day)
	}
	return days
}

// availabilityView is the view model of both availability pages: a client's (in the chart)
// and a clinician's (on the staff account, with the caseload limit).
type availabilityView struct {
	page
	Who        signedIn
	Heading    string
	Subject    string // the client's or clinician's name
	Action     string
	Back       string
	BackText   string
	Set        bool
	Days       []availDay
	Clinician  bool
	MaxClients string
	Saved      bool
	Errors     map[string]string
	Summary    []errorLink
}

func clientAvailabilityView(who signedIn, c *carepath.Client, set bool, slots []string) availabilityView {
	return availabilityView{page: page{Title: "Weekly availability"}, Who: who, Heading: "Weekly availability",
		Subject: c.GivenName + " " + c.FamilyName, Action: "/staff/clients/" + c.ID + "/availability",
		Back: "/staff/clients/" + c.ID, BackText: "Back to the chart", Set: set, Days: availabilityGrid(slots),
		Errors: map[string]string{}}
}

func (s *Server) clinicianAvailabilityView(r *http.Request, who signedIn, id string, slots []string, max string) availabilityView {
	name := "Staff member"
	if list, err := s.Staff.FindStaff(r.Context(), carepath.StaffFilter{}); err == nil {
		for _, st := range list {
			if st.ID == id {
				name = st.Name
			}
		}
	}
	return availabilityView{page: page{Title: "Availability and caseload"}, Who: who, Heading: "Availability and caseload",
		Subject: name, Action: "/staff/admin/staff/" + id + "/availability", Back: "/staff/admin/staff/" + id,
		BackText: "Back to the account", Set: true, Days: availabilityGrid(slots), Clinician: true, MaxClients: max,
		Errors: map[string]string{}}
}
