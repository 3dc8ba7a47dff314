package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// groupUpdate saves a group's changes and goes back to its page; a bad field is named next to
// it and what was typed stays.
func (s *Server) groupUpdate(w http.ResponseWriter, r *http.Request, who signedIn) {
	g, err := s.Groups.FindGroupByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "group", err, groupErrors)
		return
	}
	errs := map[string]string{}
	if err := r.ParseForm(); err != nil {
		errs["group-name"] = "The form could not be read. Please try again."
		s.render(w, r, http.StatusBadRequest, "group_form", s.groupFormFor(r, who, g, groupFormOf(g), errs))
		return
	}
	f, in := readGroupForm(r, errs)
	// The days, hours and program stay: the form shows them as they are.
	kept := groupFormOf(g)
	f.ProgramID, f.Type, f.Days, f.StartTime, f.Minutes, f.StartDate = kept.ProgramID, kept.Type, kept.Days, kept.StartTime, kept.Minutes, kept.StartDate
	delete(errs, "group-program_id")
	delete(errs, "group-minutes")
	u := carepath.GroupUpdate{Name: &in.Name, FacilitatorIDs: &in.FacilitatorIDs, Modality: &in.Modality, Room: &in.Room,
		MeetingLink: &in.MeetingLink, EndDate: &in.EndDate, Capacity: &in.Capacity}
	_, err = s.Groups.UpdateGroup(r.Context(), g.ID, u)
	switch {
	case err == nil && len(errs) == 0:
		http.Redirect(w, r, "/staff/groups/"+g.ID+"?saved=1", http.StatusSeeOther)
	case err == nil, isInvalid(err), isConflict(err):
		var clashes []string
		switch {
		case isConflict(err):
			clashes = s.placeClashes(r, errs, err, groupElement, "group-facilitator_ids")
		case err != nil:
			placeFieldErrors(errs, err, groupElement, "group-name")
		}
		v := s.groupFormFor(r, who, g, f, errs)
		v.Clashes = clashes
		status := http.StatusBadRequest
		if isConflict(err) {
			status = http.StatusConflict
		}
		s.render(w, r, status, "group_form", v)
	default:
		s.fail(w, r, "update group", err, groupErrors)
	}
}
