package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// programOfficeHoursUpdate sets the program's office hours: a day with both times empty is
// closed. A problem shows the page again (400) with what was typed and the day named.
func (s *Server) programOfficeHoursUpdate(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.OnCall, access.Update) {
		s.deny(w, r, programSettingsErrors)
		return
	}
	p, oc, h, ok := s.programOnCallData(w, r)
	if !ok {
		return
	}
	_ = r.ParseForm()
	var days []carepath.OfficeSpan
	typed := map[string][2]string{}
	for _, day := range carepath.SlotDays {
		opens, closes := strings.TrimSpace(r.PostForm.Get(day+"-opens")), strings.TrimSpace(r.PostForm.Get(day+"-closes"))
		typed[day] = [2]string{opens, closes}
		if opens != "" || closes != "" {
			days = append(days, carepath.OfficeSpan{Day: day, Opens: opens, Closes: closes})
		}
	}
	if days == nil {
		days = []carepath.OfficeSpan{}
	}
	posted := append([]carepath.OfficeSpan(nil), days...)
	_, err := s.OnCall.SetOfficeHours(r.Context(), p.ID, days)
	if err == nil {
		http.Redirect(w, r, "/staff/programs/"+p.ID+"/on-call?saved=hours", http.StatusSeeOther)
		return
	}
	if !isInvalid(err) {
		s.fail(w, r, "office hours: save", err, programSettingsErrors)
		return
	}
	v := s.newProgramOnCallView(r, who, p, oc, h)
	for i := range v.Days {
		v.Days[i].Opens, v.Days[i].Closes = typed[v.Days[i].Day][0], typed[v.Days[i].Day][1]
	}
	for _, f := range carepath.ErrorFields(err) {
		i, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(strings.Split(f.Field, "]")[0], "days["), "]"))
		if i < len(posted) {
			day := posted[i].Day
			for j := range v.Days {
				if v.Days[j].Day == day && v.Days[j].Error == "" {
					v.Days[j].Error = f.Message
					v.Summary = append(v.Summary, errorLink{"hours-" + day + "-opens", v.Days[j].Label + ": " + f.Message})
				}
			}
		}
	}
	s.render(w, r, http.StatusBadRequest, "program_on_call", v)
}
