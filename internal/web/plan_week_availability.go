package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

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

// clientAvailabilityForm shows a client's weekly availability grid.
func (s *Server) clientAvailabilityForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, err := s.Clients.FindClientByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "client", err, pageErrors)
		return
	}
	a, err := s.Availability.FindClientAvailability(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, "client availability", err, pageErrors)
		return
	}
	v := clientAvailabilityView(who, c, a.Set, a.Slots)
	v.Saved = r.URL.Query().Get("saved") == "1"
	s.render(w, r, http.StatusOK, "availability", v)
}

func clientAvailabilityView(who signedIn, c *carepath.Client, set bool, slots []string) availabilityView {
	return availabilityView{page: page{Title: "Weekly availability"}, Who: who, Heading: "Weekly availability",
		Subject: c.GivenName + " " + c.FamilyName, Action: "/staff/clients/" + c.ID + "/availability",
		Back: "/staff/clients/" + c.ID, BackText: "Back to the chart", Set: set, Days: availabilityGrid(slots),
		Errors: map[string]string{}}
}

// clientAvailabilitySave records a client's weekly availability.
func (s *Server) clientAvailabilitySave(w http.ResponseWriter, r *http.Request, who signedIn) {
	c, err := s.Clients.FindClientByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "client", err, pageErrors)
		return
	}
	_ = r.ParseForm()
	slots := r.PostForm["slot"]
	_, err = s.Availability.SetClientAvailability(r.Context(), c.ID, slots)
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/clients/"+c.ID+"/availability?saved=1", http.StatusSeeOther)
	case isInvalid(err):
		v := clientAvailabilityView(who, c, true, slots)
		v.Errors["avail-mon-07"] = "Some hours could not be read. Please tick the hours again."
		v.Summary = []errorLink{{"avail-mon-07", v.Errors["avail-mon-07"]}}
		s.render(w, r, http.StatusBadRequest, "availability", v)
	default:
		s.fail(w, r, "save client availability", err, pageErrors)
	}
}

// clinicianAvailabilityForm shows a clinician's availability grid and caseload limit.
func (s *Server) clinicianAvailabilityForm(w http.ResponseWriter, r *http.Request, who signedIn) {
	a, err := s.Availability.FindClinicianAvailability(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "clinician availability", err, pageErrors)
		return
	}
	v := s.clinicianAvailabilityView(r, who, a.StaffID, a.Slots, strconv.Itoa(a.MaxClients))
	v.Set, v.Saved = a.Set, r.URL.Query().Get("saved") == "1"
	s.render(w, r, http.StatusOK, "availability", v)
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

// clinicianAvailabilitySave records a clinician's availability and caseload limit.
func (s *Server) clinicianAvailabilitySave(w http.ResponseWriter, r *http.Request, who signedIn) {
	id := r.PathValue("id")
	_ = r.ParseForm()
	slots := r.PostForm["slot"]
	maxText := strings.TrimSpace(r.PostForm.Get("max_clients"))
	v := s.clinicianAvailabilityView(r, who, id, slots, maxText)
	max, err := strconv.Atoi(maxText)
	if err != nil {
		v.Errors["avail-max-clients"] = "Please give the most clients as a whole number, e.g. 12."
	} else {
		_, err = s.Availability.SetClinicianAvailability(r.Context(), carepath.ClinicianAvailability{StaffID: id, Slots: slots, MaxClients: max})
		switch {
		case err == nil:
			http.Redirect(w, r, "/staff/admin/staff/"+id+"/availability?saved=1", http.StatusSeeOther)
			return
		case isInvalid(err):
			for _, f := range carepath.ErrorFields(err) {
				if f.Field == "max_clients" {
					v.Errors["avail-max-clients"] = f.Message
				} else {
					v.Errors["avail-mon-07"] = "Some hours could not be read. Please tick the hours again."
				}
			}
		default:
			s.fail(w, r, "save clinician availability", err, pageErrors)
			return
		}
	}
	for _, id := range []string{"avail-max-clients", "avail-mon-07"} {
		if m, ok := v.Errors[id]; ok {
			v.Summary = append(v.Summary, errorLink{id, m})
		}
	}
	s.render(w, r, http.StatusBadRequest, "availability", v)
}
