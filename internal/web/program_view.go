package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// programOf reads a program, answering the error page itself when it cannot; ok is false then.
func (s *Server) programOf(w http.ResponseWriter, r *http.Request, id string) (*carepath.Program, bool) {
	p, err := s.Programs.FindProgramByID(r.Context(), id)
	if err != nil {
		s.fail(w, r, "program", err, programErrors)
		return nil, false
	}
	return p, true
}
