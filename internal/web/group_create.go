package web

import (
	"net/http"
)

// groupCreate stores a new group and goes to its page. A bad field is named next to it and
// everything typed stays; a facilitator or room the group's sessions would double-book is
// named with the session in the way.
func (s *Server) groupCreate(w http.ResponseWriter, r *http.Request, who signedIn) {
	errs := map[string]string{}
	if err := r.ParseForm(); err != nil {
		errs["group-name"] = "The form could not be read. Please try again."
		s.render(w, r, http.StatusBadRequest, "group_form", s.groupFormFor(r, who, nil, groupForm{}, errs))
		return
	}
	f, in := readGroupForm(r, errs)
	g, err := s.Groups.CreateGroup(r.Context(), in)
	switch {
	case err == nil:
		http.Redirect(w, r, "/staff/groups/"+g.ID+"?created=1", http.StatusSeeOther)
	case isInvalid(err), isConflict(err):
		var clashes []string
		if isConflict(err) {
			clashes = s.placeClashes(r, errs, err, groupElement, "group-start_time")
		} else {
			placeFieldErrors(errs, err, groupElement, "group-name")
		}
		v := s.groupFormFor(r, who, nil, f, errs)
		v.Clashes = clashes
		status := http.StatusBadRequest
		if isConflict(err) {
			status = http.StatusConflict
		}
		s.render(w, r, status, "group_form", v)
	default:
		s.fail(w, r, "create group", err, groupErrors)
	}
}
