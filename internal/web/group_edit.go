package web

import (
	"net/http"

	"github.com/carepath/carepath/access"
)

// groupEdit shows a group's form filled in: name, capacity, facilitators, where it meets and
// its last date may change; its days and hours are shown but stay.
func (s *Server) groupEdit(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Group, access.Update) {
		s.deny(w, r, groupErrors)
		return
	}
	g, err := s.Groups.FindGroupByID(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "group", err, groupErrors)
		return
	}
	s.render(w, r, http.StatusOK, "group_form", s.groupFormFor(r, who, g, groupFormOf(g), map[string]string{}))
}
