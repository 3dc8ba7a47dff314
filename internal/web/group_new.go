package web

import (
	"net/http"
	"time"

	"github.com/carepath/carepath/access"
)

// groupNew shows the empty new-group form (the program chosen when ?program= names one).
func (s *Server) groupNew(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Group, access.Create) {
		s.deny(w, r, groupErrors)
		return
	}
	f := groupForm{ProgramID: r.URL.Query().Get("program"), Modality: "in_person", StartDate: time.Now().Format("2006-01-02")}
	s.render(w, r, http.StatusOK, "group_form", s.groupFormFor(r, who, nil, f, map[string]string{}))
}
